namespace Orchestrator.Core.Engine;

/// <summary>
/// Another process holds the run's lease: it is executing the run, or it died on another machine and its lease
/// has not expired yet (<see cref="Until"/>). A worker that receives the run twice uses this to tell the cases apart.
/// </summary>
public sealed class RunLeaseHeldException(string runId, string? holder, DateTimeOffset? until)
    : RunSetupException($"run {runId} is being executed by {holder} (lease until {until:u}); wait for it to finish, or for the lease to expire if that process died on another machine")
{
    public string RunId { get; } = runId;
    public string? Holder { get; } = holder;
    public DateTimeOffset? Until { get; } = until;
}
