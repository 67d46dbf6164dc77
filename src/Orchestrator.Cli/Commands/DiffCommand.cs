using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Json.Patch;
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
            var patch = JsonDiff.Create(Content(a), Content(b));
            if (parse.GetValue(json))
            {
                RunJson.Print(patch.ToJson());
                return ExitCodes.Success;
            }
            Console.Out.WriteLine($"{a.Reference} -> {b.Reference}: {patch.Operations.Count} change{(patch.Operations.Count == 1 ? "" : "s")}");
            foreach (var op in patch.Operations)
            {
                var before = JsonPointerValue(Content(a), op.Path);
                Console.Out.WriteLine(op.Op switch
                {
                    "add" => $"  + {op.Path}: {Short(op.Value)}",
                    "remove" => $"  - {op.Path}: {Short(before)}",
                    _ => $"  ~ {op.Path}: {Short(before)} -> {Short(op.Value)}",
                });
            }
            Console.Out.WriteLine("patch (RFC 6902):");
            Console.Out.WriteLine(patch.ToJson().ToJsonString(RunJson.Indented));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<DefinitionVersion> Load(IDefinitionStore store, string id, int version, CancellationToken cancellationToken) =>
        await store.GetAsync(id, version, cancellationToken)
        ?? throw new Core.Engine.RunSetupException($"no version {version} of '{id}'; 'orchestrator versions {id}' lists them");

    /// <summary>The document without its version field, which always differs and says nothing.</summary>
    private static JsonObject Content(DefinitionVersion version)
    {
        var content = (JsonObject)version.Document.DeepClone();
        content.Remove("version");
        return content;
    }

    private static JsonNode? JsonPointerValue(JsonNode document, string pointer) =>
        Core.Parsing.JsonPointer.TryResolve(document, pointer, out var node) ? node : null;

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 80 ? text : text[..77] + "...";
    }
}
