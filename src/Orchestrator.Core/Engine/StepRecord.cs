using System.Text.Json.Nodes;

namespace Orchestrator.Core.Engine;

/// <summary>
/// One step execution in a run's journal, keyed by <see cref="Key"/> (its place in the run, e.g.
/// <c>rounds/2/sum</c>). A succeeded or skipped record is committed: a resumed run replays it, never re-runs it.
/// </summary>
public sealed record StepRecord
{
    public required string Key { get; init; }
    public required string StepId { get; init; }
    public required string Pointer { get; init; }
    public required string Kind { get; init; }
    public StepStatus Status { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? FirstStartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public JsonNode? Output { get; init; }
    public JsonObject? StateChanges { get; init; }
    public StepError? Error { get; init; }
    public long Sequence { get; init; }

    public bool IsCommitted => Status is StepStatus.Succeeded or StepStatus.Skipped;
}
