using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.SelfEditing.Editors;

/// <summary>What an editor may change in a definition version: its declared tunables, their bounds and current values.</summary>
public sealed record EditSpace(WorkflowDefinition Definition, IReadOnlyList<EditSpace.Tunable> Tunables)
{
    /// <summary>One tunable: its bounds and the value the definition has now.</summary>
    public sealed record Tunable(TunableBounds Bounds, JsonNode? Current)
    {
        public string Pointer => Bounds.Pointer;
    }

    public static EditSpace Of(WorkflowDefinition definition) => new(definition,
        definition.Tunables.Select(t => new Tunable(t, JsonPointer.TryResolve(definition.Document, t.Pointer, out var value) ? value?.DeepClone() : null)).ToList());
}
