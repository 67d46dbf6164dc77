using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator diff ID V1 V2</c>: what changed between two versions, readably and as the RFC 6902 patch from V1 to V2.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The definition id." };
        var from = new Argument<int>("from") { Description = "The older version." };
        var to = new Argument<int>("to") { Description = "The newer version." };
        var json = new Option<bool>("--json") { Description = "Print only the RFC 6902 patch, as JSON." };
        var command = new Command("diff", "Show the changes between two versions of a definition, and the JSON Patch between them.") { id, from, to, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var definitionId = parse.GetValue(id)!;
            var a = await Load(stores.Definitions, definitionId, parse.GetValue(from), cancellationToken);
            var b = await Load(stores.Definitions, definitionId, parse.GetValue(to), cancellationToken);
            var diff = DefinitionDiff.Between(a, b);
            if (parse.GetValue(json))
            {
                RunJson.Print(diff.Patch.ToJson());
                return ExitCodes.Success;
            }
            Console.Out.WriteLine($"{a.Reference} -> {b.Reference}: {diff.Changes.Count} change{(diff.Changes.Count == 1 ? "" : "s")}");
            foreach (var change in diff.Changes)
            {
                Console.Out.WriteLine(change.Op switch
                {
                    "add" => $"  + {change.Path}: {Short(change.After)}",
                    "remove" => $"  - {change.Path}: {Short(change.Before)}",
                    _ => $"  ~ {change.Path}: {Short(change.Before)} -> {Short(change.After)}",
                });
            }
            Console.Out.WriteLine("patch (RFC 6902):");
            Console.Out.WriteLine(diff.Patch.ToJson().ToJsonString(RunJson.Indented));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<DefinitionVersion> Load(IDefinitionStore store, string id, int version, CancellationToken cancellationToken) =>
        await store.GetAsync(id, version, cancellationToken)
        ?? throw new Core.Engine.RunSetupException($"no version {version} of '{id}'; 'orchestrator versions {id}' lists them");

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 80 ? text : text[..77] + "...";
    }
}
