using System.Text.Json.Nodes;

namespace Orchestrator.Core.Definitions;

/// <summary>
/// One node of a definition. <see cref="Pointer"/> is its JSON pointer in the document
/// (e.g. <c>/steps/0/do/3</c>), which is how errors and self-edits name it.
/// </summary>
public abstract class StepDefinition
{
    public required string Id { get; init; }
    public required string Pointer { get; init; }
    public string? If { get; init; }
    public TimeSpan? Timeout { get; init; }
    public RetryPolicy Retry { get; init; } = RetryPolicy.None;

    /// <summary>
    /// The worker queue this step's attempts go to (<c>queue: train</c>), for activity and parallel steps; a
    /// parallel step's queue is its branches' default. Null: wherever the run runs. A run in-process ignores it.
    /// </summary>
    public string? Queue { get; init; }

    /// <summary>Steps nested inside this one (loop or parallel bodies); empty for leaves.</summary>
    public virtual IReadOnlyList<StepDefinition> Children => [];
}

/// <summary>A step that runs one activity (<c>uses</c>) with inputs (<c>with</c>).</summary>
public sealed class ActivityStep : StepDefinition
{
    public required string Uses { get; init; }
    public JsonObject With { get; init; } = new();
}

/// <summary>Repeats its body <c>times</c> times and/or until <c>until</c> holds, never more than <c>max</c>.</summary>
public sealed class LoopStep : StepDefinition
{
    /// <summary>A whole number or an expression giving one; null when only <see cref="Until"/> bounds the loop.</summary>
    public JsonNode? Times { get; init; }
    public string? Until { get; init; }
    public int? Max { get; init; }
    public required IReadOnlyList<StepDefinition> Do { get; init; }
    public override IReadOnlyList<StepDefinition> Children => Do;
}

/// <summary>Runs its body once per item of a list, up to <c>maxDegree</c> at once; its output is each branch's last output, in item order.</summary>
public sealed class ParallelStep : StepDefinition
{
    /// <summary>A list, or an expression giving one.</summary>
    public required JsonNode Over { get; init; }
    public string As { get; init; } = "item";
    public int MaxDegree { get; init; } = 4;
    public required IReadOnlyList<StepDefinition> Do { get; init; }
    public override IReadOnlyList<StepDefinition> Children => Do;
}

/// <summary>Runs another workflow, pinned by id and version, with <c>with</c> as its inputs; its output is the callee's output.</summary>
public sealed class CallStep : StepDefinition
{
    public required string Workflow { get; init; }
    public required int Version { get; init; }
    public JsonObject With { get; init; } = new();
}

/// <summary>
/// A step whose structure could not be read. It keeps its id so other steps' references to it are not
/// reported twice; a definition holding one never runs.
/// </summary>
public sealed class InvalidStep : StepDefinition;
