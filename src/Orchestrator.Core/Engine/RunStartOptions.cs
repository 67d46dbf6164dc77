namespace Orchestrator.Core.Engine;

/// <summary>
/// How to start a run. A given <see cref="RunId"/> makes starting idempotent: starting the same id again
/// resumes it (or returns it, if it has finished) instead of running the workflow twice.
/// </summary>
public sealed record RunStartOptions
{
    public string? RunId { get; init; }
    public long? Seed { get; init; }

    /// <summary>The worker queue a created run waits on (<see cref="RunRecord.Queue"/>).</summary>
    public string? Queue { get; init; }
}
