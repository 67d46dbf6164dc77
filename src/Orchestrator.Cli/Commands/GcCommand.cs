using System.CommandLine;
using Orchestrator.Cli.Hosting;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator gc [--apply]</c>: artifacts that no run or model references; removed only with <c>--apply</c>.</summary>
public static class GcCommand
{
    public static Command Create()
    {
        var apply = new Option<bool>("--apply") { Description = "Delete them (without it, only list what would go)." };
        var command = new Command("gc", "List (or with --apply, delete) artifacts that nothing references.") { apply };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var referenced = new HashSet<string>(StringComparer.Ordinal);
            foreach (var source in stores.ArtifactReferences)
                referenced.UnionWith((await source.GetArtifactReferencesAsync(cancellationToken)).Keys);
            var all = await stores.Artifacts.ListAsync(cancellationToken);
            var unreferenced = all.Where(a => !referenced.Contains(a.Hash)).ToList();
            var deleting = parse.GetValue(apply);
            foreach (var artifact in unreferenced)
            {
                if (deleting) await stores.Artifacts.DeleteAsync(artifact.Hash, cancellationToken);
                Console.Out.WriteLine($"{(deleting ? "deleted" : "would delete")} {artifact.Hash}  {artifact.Bytes:N0} bytes");
            }
            var bytes = unreferenced.Sum(a => a.Bytes);
            Console.Out.WriteLine($"{unreferenced.Count} of {all.Count} artifacts unreferenced ({bytes:N0} bytes){(deleting || unreferenced.Count == 0 ? "" : "; run 'orchestrator gc --apply' to delete them")}");
            return ExitCodes.Success;
        });
        return command;
    }
}
