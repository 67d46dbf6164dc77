using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Evaluation;

namespace Orchestrator.Core.SelfEditing;

/// <summary>
/// What the self-edit policy needs of a document, whether a workflow or an evaluator: its content, its declared edit
/// space (tunables and protected paths), what is protected whatever it declares, and which values bound loops.
/// </summary>
public sealed record EditableDocument(
    string Reference,
    JsonObject Document,
    IReadOnlyList<TunableBounds> Tunables,
    IReadOnlyList<string> Protected,
    IReadOnlyList<(string Pointer, string Why)> AlwaysProtected,
    IReadOnlySet<string> LoopBounds)
{
    public static EditableDocument Of(WorkflowDefinition workflow) => new(workflow.Reference, workflow.Document, workflow.Tunables, workflow.Protected,
        SelfEditing.AlwaysProtected.Of(workflow),
        workflow.AllSteps().OfType<LoopStep>().SelectMany(l => new[] { l.Pointer + "/loop/times", l.Pointer + "/loop/max" }).ToHashSet(StringComparer.Ordinal));

    /// <summary>An evaluator: its id and its edit space are protected; it has no loops.</summary>
    public static EditableDocument Of(EvaluatorDefinition evaluator, JsonObject document) => new(evaluator.Reference, document, evaluator.Tunables, evaluator.Protected,
        SelfEditing.AlwaysProtected.IdentityAndEditSpace,
        new HashSet<string>(StringComparer.Ordinal));
}
