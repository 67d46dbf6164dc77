using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Meta.Propose;

/// <summary>
/// A stored version meta/propose edits: a workflow, validated by the full workflow validation, or an evaluator (ids
/// <c>evaluators/ID</c>), validated by the evaluator reader — its tunables, its protected paths and its filters'
/// parameters — so an edited evaluator that could not be loaded never becomes a draft.
/// </summary>
internal sealed record EditTarget(EditSpace Space, Func<JsonObject, IReadOnlyList<ValidationIssue>> Validate)
{
    /// <summary>The version, or null when the store has no such version; the problem says why a stored one is unusable.</summary>
    public static async Task<(EditTarget? Target, string? Problem)> LoadAsync(MetaServices services, string id, int version, CancellationToken cancellationToken)
    {
        if (EvaluatorCatalog.IsStoreId(id, out _))
        {
            if (await services.Definitions.GetAsync(id, version, cancellationToken) is not { } stored) return (null, null);
            var filters = services.Loop.Evaluators.Filters;
            var (evaluator, issues) = EvaluatorReader.Read(new ParsedDocument($"{id}@{version} (store)", stored.Document, SourceMap.Empty), filters);
            if (evaluator is null) return (null, $"{id}@{version} is not a usable evaluator: {string.Join("; ", issues)}");
            IReadOnlyList<ValidationIssue> Check(JsonObject document) =>
                EvaluatorReader.Read(new ParsedDocument($"{id}@{version} (edited)", document, SourceMap.Empty), filters).Issues;
            return (new EditTarget(EditSpace.Of(evaluator with { Version = version }, stored.Document), Check), null);
        }
        if (await services.LoadAsync(id, version, cancellationToken) is not var (workflow, catalog)) return (null, null);
        var loader = new DefinitionLoader(services.Activities, catalog);
        return (new EditTarget(EditSpace.Of(workflow), document => loader.Load(new ParsedDocument($"{workflow.Reference} (edited)", document, SourceMap.Empty)).Issues), null);
    }
}
