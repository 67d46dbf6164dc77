namespace Orchestrator.Core.Engine;

/// <summary>
/// Where a run stands. <see cref="Running"/> after a crash and <see cref="Cancelled"/> can be resumed; so can <see cref="Failed"/>,
/// which retries the failed step. <see cref="Queued"/> is created and pinned, waiting for a worker to start it.
/// </summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Queued,
}

/// <summary>Where one step execution stands in the journal.</summary>
public enum StepStatus
{
    Running,
    Succeeded,
    Failed,
    Skipped,
}
