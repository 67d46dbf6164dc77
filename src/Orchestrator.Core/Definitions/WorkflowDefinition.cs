using System.Text.Json.Nodes;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Definitions;

/// <summary>
/// A parsed workflow definition. <see cref="Document"/> is the JSON tree it was read from: self-edits
/// patch that tree, and <see cref="ContentHash"/> (see <see cref="DefinitionHash"/>) with <see cref="Version"/> is what a run pins.
/// </summary>
public sealed class WorkflowDefinition
{
    public required string Id { get; init; }
    public int Version { get; init; } = 1;
    public string? Description { get; init; }
    public required IReadOnlyList<InputDefinition> Inputs { get; init; }
    public JsonObject InitialState { get; init; } = new();
    public IReadOnlyList<TunableBounds> Tunables { get; init; } = [];
    public IReadOnlyList<string> Protected { get; init; } = [];
    public required IReadOnlyList<StepDefinition> Steps { get; init; }
    public string? Output { get; init; }

    public required JsonObject Document { get; init; }
    public required string File { get; init; }
    public SourceMap SourceMap { get; init; } = SourceMap.Empty;
    public required string ContentHash { get; init; }

    public string Reference => $"{Id}@{Version}";

    /// <summary>Every step, depth first, in document order.</summary>
    public IEnumerable<StepDefinition> AllSteps() => Flatten(Steps);

    private static IEnumerable<StepDefinition> Flatten(IEnumerable<StepDefinition> steps)
    {
        foreach (var step in steps)
        {
            yield return step;
            foreach (var child in Flatten(step.Children)) yield return child;
        }
    }
}
