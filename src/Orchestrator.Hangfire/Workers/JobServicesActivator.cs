using Hangfire;
using Orchestrator.Hangfire.Jobs;

namespace Orchestrator.Hangfire.Workers;

/// <summary>Builds the engine's job classes with this worker's services; any other job type is refused by name.</summary>
public sealed class JobServicesActivator(JobServices services) : JobActivator
{
    public override object ActivateJob(Type jobType) => jobType == typeof(RunJob) ? new RunJob(services)
        : jobType == typeof(AttemptJob) ? new AttemptJob(services)
        : jobType == typeof(ScheduleJob) ? new ScheduleJob(services)
        : throw new InvalidOperationException($"this worker runs only the engine's jobs, not {jobType.FullName}");
}
