using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Core.Validation;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator edit ID[@V] --patch FILE [--editor NAME]</c>: submits a self-edit by hand. The policy accepts
/// it only if it replaces declared tunables within bounds, touches nothing protected and leaves a valid
/// definition; an accepted edit becomes a draft version (runnable as ID@V, not current), a refused one exits 2 with
/// every reason. Both are journalled with the editor and the parent version.
/// </summary>
public static class EditCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("id") { Description = "The definition to edit: ID (its current version) or ID@V." };
        var patch = new Option<string>("--patch") { Description = "An RFC 6902 JSON Patch file (a JSON array of operations).", Required = true };
        var editor = new Option<string?>("--editor") { Description = "Who proposes it, for the journal (default: $ORCHESTRATOR_USER or the OS user)." };
        var rationale = new Option<string?>("--rationale") { Description = "Why, for the journal." };
        var command = new Command("edit", "Propose a self-edit (JSON Patch) against a published workflow or evaluator (evaluators/ID); accepted edits become drafts, refused ones list every reason.") { target, patch, editor, rationale };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var (id, version) = await ParentAsync(stores.Definitions, parse.GetValue(target)!, cancellationToken);
            var (parent, validate, issues) = await EditableAsync(host, stores.Definitions, id, version, cancellationToken);
            if (parent is null)
            {
                IssuePrinter.Print(issues);
                return ExitCodes.InvalidInput;
            }
            var patchFile = parse.GetValue(patch)!;
            var operations = ReadPatch(patchFile);
            var who = parse.GetValue(editor) ?? CliHost.User;
            var why = parse.GetValue(rationale);

            var decision = new SelfEditPolicy(validate!).Decide(parent, operations);
            int? draft = null;
            if (decision.Accepted)
            {
                var published = await stores.Definitions.PublishAsync(
                    new PublishRequest(id, decision.Patched!, DefinitionHash.Of(decision.Patched!), who, $"self-edit of {id}@{version} by {who}" + (why is null ? "" : $": {why}"), Draft: true), cancellationToken);
                draft = published.Version.Version;
            }
            var journalled = await stores.Definitions.AppendEditAsync(
                new EditJournalEntry(id, version, who, operations as JsonArray ?? [], decision.Accepted, decision.Rejections, draft, why), cancellationToken);

            if (!decision.Accepted)
            {
                Console.Error.WriteLine($"refused: the edit of {id}@{version} (journal #{journalled.Sequence}):");
                foreach (var rejection in decision.Rejections) Console.Error.WriteLine($"  patch{rejection.Path}: {rejection.Reason}");
                return ExitCodes.InvalidInput;
            }
            Console.Out.WriteLine($"accepted: draft {id}@{draft} (parent {id}@{version}, editor {who}, journal #{journalled.Sequence}); run it with 'orchestrator run {id}@{draft}', publish it with 'orchestrator publish' of its content");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The version as an editable document and how to validate an edited copy of it: evaluators (ids
    /// <c>evaluators/ID</c>) by the evaluator reader, workflows by the full workflow validation.
    /// </summary>
    private static async Task<(EditableDocument? Parent, Func<JsonObject, IReadOnlyList<ValidationIssue>>? Validate, IReadOnlyList<ValidationIssue> Issues)> EditableAsync(
        CliHost host, IDefinitionStore store, string id, int version, CancellationToken cancellationToken)
    {
        if (id.StartsWith(EvaluatorCatalog.FolderName + "/", StringComparison.Ordinal))
        {
            var stored = (await store.GetAsync(id, version, cancellationToken))!;
            IReadOnlyList<ValidationIssue> Check(JsonObject document) =>
                EvaluatorReader.Read(new ParsedDocument($"{id}@{version} (edited)", document, SourceMap.Empty), host.Loop.Evaluators.Filters).Issues;
            var (evaluator, problems) = EvaluatorReader.Read(new ParsedDocument($"{id}@{version}", stored.Document, SourceMap.Empty), host.Loop.Evaluators.Filters);
            return evaluator is null ? (null, null, problems) : (EditableDocument.Of(evaluator with { Version = version }, stored.Document), Check, []);
        }
        var resolved = await WorkflowTarget.ResolveAsync(host, store, $"{id}@{version}", cancellationToken);
        if (resolved.Definition is not { } workflow) return (null, null, resolved.Issues);
        return (EditableDocument.Of(workflow), document => host.Loader(resolved.Catalog).Load(new ParsedDocument($"{id}@{version} (edited)", document, SourceMap.Empty)).Issues, []);
    }

    private static async Task<(string Id, int Version)> ParentAsync(IDefinitionStore store, string target, CancellationToken cancellationToken)
    {
        var at = target.LastIndexOf('@');
        var id = at > 0 ? target[..at] : target;
        if (at > 0 && !int.TryParse(target[(at + 1)..], out _))
            throw new RunSetupException($"'{target[(at + 1)..]}' is not a version number; write ID or ID@VERSION");
        var version = at > 0 ? int.Parse(target[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture)
            : await store.GetAliasAsync(id, IDefinitionStore.CurrentAlias, cancellationToken)
              ?? throw new RunSetupException($"'{id}' has no published version in this store; self-edits are made against a published version ('orchestrator publish FILE' first)");
        if (await store.GetAsync(id, version, cancellationToken) is null)
            throw new RunSetupException($"there is no version {version} of '{id}'; 'orchestrator versions {id}' lists them");
        return (id, version);
    }

    private static JsonNode? ReadPatch(string file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunSetupException($"{file}: cannot read the patch ({e.Message})");
        }
        catch (JsonException e)
        {
            throw new RunSetupException($"{file}: not JSON ({e.Message}); a patch is a JSON array like [{{\"op\": \"replace\", \"path\": \"/steps/0/with/lr\", \"value\": 0.002}}]");
        }
    }
}
