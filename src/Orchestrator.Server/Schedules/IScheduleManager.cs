using System.Text.Json.Nodes;
using Orchestrator.Core.Validation;

namespace Orchestrator.Server.Schedules;

/// <summary>
/// Creates, deletes and fires schedules for the API with the host's activities (a schedule's workflow and inputs are
/// checked as <c>orchestrator schedule</c> checks them) and its Hangfire storage.
/// </summary>
public interface IScheduleManager
{
    Task<ScheduleOutcome> SaveAsync(ScheduleRequest request, string actor, CancellationToken cancellationToken);

    /// <summary>False when there was no such schedule.</summary>
    Task<bool> DeleteAsync(string name, string actor, CancellationToken cancellationToken);

    /// <summary>Fires the schedule now, whatever its cron says; null when there is no such schedule.</summary>
    Task<ScheduleOutcome?> TriggerAsync(string name, string actor, CancellationToken cancellationToken);
}

public sealed record ScheduleRequest(string Workflow, string? Name, string Cron, string TimeZone, JsonObject Inputs, string Queue, string Overlap);

/// <summary>What was done (<see cref="Detail"/>: the schedule's document, or the fire's run), or why not.</summary>
public sealed record ScheduleOutcome(JsonObject? Detail, bool Created, IReadOnlyList<ValidationIssue> Issues);
