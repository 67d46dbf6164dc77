namespace Orchestrator.Core.Scheduling;

/// <summary>Durable schedules and their journal. Every change appends a <see cref="ScheduleEvent"/> in the same transaction.</summary>
public interface IScheduleStore
{
    /// <summary>Creates the schedule, or replaces the one of that name; journals <c>created</c> or <c>updated</c>. True when it was new.</summary>
    Task<bool> SaveAsync(ScheduleRecord schedule, string actor, CancellationToken cancellationToken);

    Task<ScheduleRecord?> FindScheduleAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every schedule, by name.</summary>
    Task<IReadOnlyList<ScheduleRecord>> ListSchedulesAsync(CancellationToken cancellationToken);

    /// <summary>Removes the schedule and journals <c>deleted</c>; false when there was none (nothing journalled).</summary>
    Task<bool> DeleteScheduleAsync(string name, string actor, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Journals a fire's outcome (<paramref name="action"/>: fired, skipped, triggered, failed). When <paramref name="runId"/>
    /// is given the schedule's last run and fire time become it; a schedule deleted meanwhile is journalled all the same.
    /// </summary>
    Task RecordFireAsync(string name, DateTimeOffset fireAt, string action, string? runId, string? detail, string actor, CancellationToken cancellationToken);

    /// <summary>The journal, oldest first; of one schedule, or of all when <paramref name="name"/> is null.</summary>
    Task<IReadOnlyList<ScheduleEvent>> GetScheduleJournalAsync(string? name, CancellationToken cancellationToken);
}
