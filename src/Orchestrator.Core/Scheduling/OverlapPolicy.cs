namespace Orchestrator.Core.Scheduling;

/// <summary>What a fire does while the schedule's previous run has not finished.</summary>
public enum OverlapPolicy
{
    /// <summary>Start nothing, and journal the skipped fire.</summary>
    Skip,

    /// <summary>Create the run now and start it once the previous run has finished.</summary>
    Queue,
}
