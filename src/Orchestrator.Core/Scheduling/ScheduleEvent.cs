namespace Orchestrator.Core.Scheduling;

/// <summary>
/// One entry of a schedule's journal: created, updated, deleted, fired (with the run it started), skipped (with
/// why) or triggered by hand. Append-only, like the alias and edit journals.
/// </summary>
public sealed record ScheduleEvent(string Schedule, string Action, string Actor, DateTimeOffset At, string? RunId, string? Detail);
