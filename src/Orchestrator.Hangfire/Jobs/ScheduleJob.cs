using System.ComponentModel;
using Hangfire;
using Hangfire.Server;
using Orchestrator.Hangfire.Scheduling;
using Orchestrator.Hangfire.Workers;

namespace Orchestrator.Hangfire.Jobs;

/// <summary>
/// The recurring job Hangfire keeps for each schedule. Hangfire decides when a fire is due (including the one run
/// for all fires missed while no worker ran, its relaxed misfire policy); the fire itself is ours.
/// </summary>
public sealed class ScheduleJob(JobServices services)
{
    /// <summary>The job parameter in which Hangfire's recurring scheduler records the occurrence a job is for (Unix seconds).</summary>
    public const string FireTimeParameter = "Time";

    [AutomaticRetry(Attempts = 0)]
    [DisplayName("schedule {0}")]
    public async Task FireAsync(string schedule, PerformContext? context, CancellationToken cancellationToken)
    {
        var fireAt = context?.GetJobParameter<long?>(FireTimeParameter) is { } seconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.FromUnixTimeSeconds(services.Time.GetUtcNow().ToUnixTimeSeconds());
        await new ScheduleFirer(services).FireAsync(schedule, fireAt, "fired", cancellationToken);
    }
}
