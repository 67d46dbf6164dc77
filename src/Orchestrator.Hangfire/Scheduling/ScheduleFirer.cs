using Orchestrator.Core.Engine;
using Orchestrator.Core.Scheduling;
using Orchestrator.Core.Validation;
using Orchestrator.Hangfire.Enqueueing;
using Orchestrator.Hangfire.Workers;

namespace Orchestrator.Hangfire.Scheduling;

/// <summary>
/// One fire of a schedule: resolve its workflow as <c>run</c> would, apply the overlap policy, then create the run
/// whose id derives from (schedule, fire time) and queue it. Every outcome is journalled, including a skip and a
/// failure to start; a repeated delivery of the same fire finds its run and does nothing.
/// </summary>
public sealed class ScheduleFirer(JobServices services)
{
    public async Task<FireOutcome> FireAsync(string name, DateTimeOffset fireAt, string action, CancellationToken cancellationToken)
    {
        var schedule = await services.Schedules.FindScheduleAsync(name, cancellationToken);
        if (schedule is null) return Log(new FireOutcome(name, "gone", null, "the schedule was deleted"));

        // A fire Hangfire makes late (one for every fire missed while no worker ran) is for the newest occurrence it
        // stands for, so its run id names an occurrence of the cron like every other fire's.
        if (action == "fired" && CronSchedule.TryParse(schedule.Cron, schedule.TimeZone, out _) is { } cron && cron.LatestAtOrBefore(fireAt) is { } occurrence)
            fireAt = occurrence;
        var runId = FireRunIds.For(name, fireAt);
        if (await services.Runs.FindRunAsync(runId, cancellationToken) is not null)
            return new FireOutcome(name, "duplicate", runId, "this fire's run exists already");

        var previous = schedule.LastRunId is { } lastId ? await services.Runs.FindRunAsync(lastId, cancellationToken) : null;
        var overlapping = previous is { Status: RunStatus.Running or RunStatus.Queued };
        if (overlapping && schedule.Overlap == OverlapPolicy.Skip)
            return await JournalAsync(schedule, fireAt, "skipped", null, $"run {previous!.Id} is still {previous.Status.ToString().ToLowerInvariant()} (overlap: skip)", cancellationToken);

        var target = schedule.WorkflowVersion is { } version ? $"{schedule.WorkflowId}@{version}" : schedule.WorkflowId;
        var resolved = await services.Workflows.ResolveAsync(target, cancellationToken);
        if (resolved.Definition is not { } definition)
            return await JournalAsync(schedule, fireAt, "failed", null, $"{target} does not load: {Describe(resolved.Issues)}", cancellationToken);
        try
        {
            var problems = RunPreflight.Check(definition, services.Activities, RunInputs.Resolve(definition, schedule.Inputs));
            if (problems.Count > 0)
                return await JournalAsync(schedule, fireAt, "failed", null, $"inputs of {target}: {Describe(problems)}", cancellationToken);
            var creation = await new RunEnqueuer(services).EnqueueAsync(definition, resolved.Catalog, schedule.Inputs, new RunStartOptions { RunId = runId },
                schedule.Queue, overlapping ? previous!.Id : null, cancellationToken);
            if (!creation.Created) return new FireOutcome(name, "duplicate", runId, "this fire's run exists already");
        }
        catch (RunSetupException e)
        {
            return await JournalAsync(schedule, fireAt, "failed", null, e.Message, cancellationToken);
        }
        return await JournalAsync(schedule, fireAt, action, runId, overlapping ? $"queued behind run {previous!.Id} (overlap: queue)" : null, cancellationToken);
    }

    private async Task<FireOutcome> JournalAsync(ScheduleRecord schedule, DateTimeOffset fireAt, string action, string? runId, string? detail, CancellationToken cancellationToken)
    {
        await services.Schedules.RecordFireAsync(schedule.Name, fireAt, action, runId, detail, services.Name, cancellationToken);
        return Log(new FireOutcome(schedule.Name, action, runId, detail));
    }

    private FireOutcome Log(FireOutcome outcome)
    {
        services.Log($"schedule {outcome.Schedule}: {outcome.Action}{(outcome.RunId is { } id ? $" run {id}" : "")}{(outcome.Detail is { } d ? $" ({d})" : "")}");
        return outcome;
    }

    private static string Describe(IReadOnlyList<ValidationIssue> issues) => string.Join("; ", issues.Take(3).Select(i => i.ToString()));
}

/// <summary>What a fire did: fired or triggered (with the run), skipped, failed, duplicate or gone, and why.</summary>
public sealed record FireOutcome(string Schedule, string Action, string? RunId, string? Detail);
