using Hangfire;
using Hangfire.Storage;
using Orchestrator.Core.Scheduling;
using Orchestrator.Hangfire.Jobs;
using Orchestrator.Hangfire.Workers;

namespace Orchestrator.Hangfire.Scheduling;

/// <summary>
/// Makes Hangfire's recurring jobs match the schedules in our store, which stay the truth: each schedule is added
/// or updated, and a recurring job with no schedule behind it is removed. Run when a schedule changes and
/// periodically by every worker, so a schedule made while workers run, or before a restart, is served.
/// </summary>
public sealed class ScheduleRegistrar(JobServices services)
{
    public async Task<int> SyncAsync(CancellationToken cancellationToken)
    {
        var schedules = await services.Schedules.ListSchedulesAsync(cancellationToken);
        var manager = new RecurringJobManager(services.Storage);
        HashSet<string> registered;
        using (var connection = services.Storage.GetConnection())
            registered = connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(ScheduleNames.RecurringJobId(""), StringComparison.Ordinal)).ToHashSet();

        foreach (var schedule in schedules)
        {
            if (CronSchedule.TryParse(schedule.Cron, schedule.TimeZone, out var error) is not { } cron)
            {
                services.Log($"schedule {schedule.Name}: not registered: {error}");
                continue;
            }
            var id = ScheduleNames.RecurringJobId(schedule.Name);
            var name = schedule.Name;
            manager.AddOrUpdate<ScheduleJob>(id, schedule.Queue, job => job.FireAsync(name, null, CancellationToken.None), schedule.Cron,
                new RecurringJobOptions { TimeZone = cron.Zone, MisfireHandling = MisfireHandlingMode.Relaxed });
            if (!registered.Remove(id) && !services.SharedStorage) await CatchUpAsync(schedule, cron, cancellationToken);
        }
        foreach (var orphan in registered) manager.RemoveIfExists(orphan);
        return schedules.Count;
    }

    /// <summary>
    /// A worker's own in-memory storage starts empty, so it cannot know of fires missed while no worker ran; our
    /// store does (the last fire). Like Hangfire's relaxed policy on shared storage: one run for all missed fires.
    /// </summary>
    private async Task CatchUpAsync(ScheduleRecord schedule, CronSchedule cron, CancellationToken cancellationToken)
    {
        var since = schedule.LastFireAt ?? schedule.CreatedAt;
        var now = services.Time.GetUtcNow();
        var missed = cron.Cron.GetOccurrences(since.UtcDateTime, now.UtcDateTime, cron.Zone, fromInclusive: false, toInclusive: true).LastOrDefault();
        if (missed == default) return;
        await new ScheduleFirer(services).FireAsync(schedule.Name, new DateTimeOffset(missed, TimeSpan.Zero), "fired", cancellationToken);
    }
}
