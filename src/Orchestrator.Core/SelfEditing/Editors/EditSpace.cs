using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.SelfEditing.Editors;

/// <summary>
/// What an editor may change in a document version — a workflow's procedure or an evaluator's filters: the
/// document as the self-edit policy sees it, its declared tunables with their bounds and current values, and what
/// kind of document it is (an editor that writes prose, such as an LLM, says so in its request).
/// </summary>
public sealed record EditSpace(EditableDocument Document, IReadOnlyList<EditSpace.Tunable> Tunables)
{
    /// <summary>One tunable: its bounds and the value the document has now.</summary>
    public sealed record Tunable(TunableBounds Bounds, JsonNode? Current)
    {
        public string Pointer => Bounds.Pointer;
    }

    /// <summary>Whether the document is a workflow or an evaluator.</summary>
    public EditTargetKind Kind { get; init; } = EditTargetKind.Workflow;

    /// <summary>The document's own description, when it has one.</summary>
    public string? Description { get; init; }

    public static EditSpace Of(WorkflowDefinition definition) => Of(EditableDocument.Of(definition)) with { Description = definition.Description };

    /// <summary>An evaluator version (<paramref name="document"/> is its stored document).</summary>
    public static EditSpace Of(EvaluatorDefinition evaluator, JsonObject document) =>
        Of(EditableDocument.Of(evaluator, document)) with { Kind = EditTargetKind.Evaluator, Description = evaluator.Description.Length == 0 ? null : evaluator.Description };

    private static EditSpace Of(EditableDocument document) => new(document,
        document.Tunables.Select(t => new Tunable(t, JsonPointer.TryResolve(document.Document, t.Pointer, out var value) ? value?.DeepClone() : null)).ToList());
}

/// <summary>What a self-edit is made against.</summary>
public enum EditTargetKind
{
    /// <summary>A workflow's procedure.</summary>
    Workflow,

    /// <summary>An evaluator: the filters that decide which self-labels are kept.</summary>
    Evaluator,
}
