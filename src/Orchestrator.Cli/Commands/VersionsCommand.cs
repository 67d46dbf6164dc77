using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Versioning;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator versions ID</c>: every stored version of a definition, the journal of its <c>current</c> alias, and its self-edit journal.</summary>
public static class VersionsCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The definition id." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var command = new Command("versions", "List the versions of a definition and the moves of its 'current' alias.") { id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var definitionId = parse.GetValue(id)!;
            var versions = await stores.Definitions.ListVersionsAsync(definitionId, cancellationToken);
            if (versions.Count == 0)
                throw new Core.Engine.RunSetupException($"no versions of '{definitionId}' in {stores.Location}; 'orchestrator publish FILE' stores one");
            var current = await stores.Definitions.GetAliasAsync(definitionId, IDefinitionStore.CurrentAlias, cancellationToken);
            var history = await stores.Definitions.GetAliasHistoryAsync(definitionId, IDefinitionStore.CurrentAlias, cancellationToken);
            var edits = await stores.Definitions.GetEditsAsync(definitionId, cancellationToken);
            if (parse.GetValue(json))
            {
                RunJson.Print((await DefinitionDocuments.HistoryAsync(stores.Definitions, definitionId, cancellationToken))!);
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("version", "status", "parent", "author", "reason", "content", "created (UTC)");
            foreach (var v in versions)
                table.AddRow(v.Version == current ? $"[bold]{v.Version} (current)[/]" : v.Version.ToString(), RunDocuments.Name(v.Status), v.ParentVersion?.ToString() ?? "-",
                    Markup.Escape(v.Author), Markup.Escape(v.Reason), Markup.Escape(v.ContentHash[..19] + "…"), v.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss"));
            AnsiConsole.Write(table);
            AliasJson.PrintHistory(IDefinitionStore.CurrentAlias, history);
            if (edits.Count > 0)
            {
                Console.Out.WriteLine("self-edits:");
                foreach (var e in edits)
                    Console.Out.WriteLine($"  #{e.Sequence} {e.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}  on {e.ParentVersion} by {e.Editor}{Model(e)}: " +
                        (e.Details?["failure"] is JsonValue failure ? $"no usable answer ({failure})"
                            : e.Details?["stage"] is JsonValue stage ? $"draft {e.DraftVersion} refused at the {stage} ({string.Join("; ", e.Rejections.Select(r => r.Reason))})"
                            : e.Accepted ? $"accepted as draft {e.DraftVersion}" : $"refused ({e.Rejections.Count} reason{(e.Rejections.Count == 1 ? "" : "s")}: {e.Rejections[0]})"));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The model that answered, for proposals an editor asked one for.</summary>
    private static string Model(Core.SelfEditing.EditRecord edit) => edit.Details?["model"] is JsonValue model ? $" ({model})" : "";
}
