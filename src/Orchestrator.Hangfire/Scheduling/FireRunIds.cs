namespace Orchestrator.Hangfire.Scheduling;

/// <summary>
/// The id of the run a fire starts, derived from the schedule and the fire time (to the second), so the same fire
/// delivered twice names the same run and starts it once.
/// </summary>
public static class FireRunIds
{
    public static string For(string schedule, DateTimeOffset fireAt) => $"{schedule}-{fireAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";
}
