using System.Text.Json.Nodes;
using Hangfire;
using Orchestrator.Cli.Distribution;
using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Validation;
using Orchestrator.Hangfire.Scheduling;
using Orchestrator.Hangfire.Workers;
using Orchestrator.Server.Schedules;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Serving;

/// <summary>
/// Schedules for <c>orchestrator serve</c>, made and fired exactly as <c>schedule</c>, <c>unschedule</c> and
/// <c>schedule NAME --trigger</c> make and fire them (the same plan, registrar and firer), acting as the caller's key.
/// </summary>
public sealed class CliScheduleManager(CliHost host, OrchestratorStores stores, JobStorage jobs) : IScheduleManager
{
    public async Task<ScheduleOutcome> SaveAsync(ScheduleRequest request, string actor, CancellationToken cancellationToken)
    {
        var plan = await SchedulePlan.MakeAsync(host, stores,
            new SchedulePlan.Request(request.Workflow, request.Name, request.Cron, request.TimeZone, request.Queue, request.Overlap, actor), _ => request.Inputs, cancellationToken);
        if (plan.Refusal is { } refusal) return new ScheduleOutcome(null, false, [new ValidationIssue(request.Workflow, null, "", refusal, null)]);
        if (plan.Record is not { } record) return new ScheduleOutcome(null, false, plan.Issues);
        var created = await plan.SaveAsync(() => Services(actor), stores, cancellationToken);
        var document = (await ScheduleDocuments.ListAsync(stores, DateTimeOffset.UtcNow, cancellationToken)).First(s => (string)s["name"]! == record.Name);
        return new ScheduleOutcome(document, created, []);
    }

    public async Task<bool> DeleteAsync(string name, string actor, CancellationToken cancellationToken)
    {
        if (!await stores.Schedules.DeleteScheduleAsync(name, actor, DateTimeOffset.UtcNow, cancellationToken)) return false;
        var services = Services(actor);
        if (services.SharedStorage) new RecurringJobManager(services.Storage).RemoveIfExists(ScheduleNames.RecurringJobId(name));
        return true;
    }

    public async Task<ScheduleOutcome?> TriggerAsync(string name, string actor, CancellationToken cancellationToken)
    {
        if (await stores.Schedules.FindScheduleAsync(name, cancellationToken) is null) return null;
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var fire = await new ScheduleFirer(Services(actor)).FireAsync(name, now, "triggered", cancellationToken);
        var document = new JsonObject { ["schedule"] = fire.Schedule, ["action"] = fire.Action, ["run"] = fire.RunId, ["detail"] = fire.Detail };
        return fire.Action == "failed"
            ? new ScheduleOutcome(null, false, [new ValidationIssue(name, null, "", fire.Detail ?? "the fire failed", null)])
            : new ScheduleOutcome(document, false, []);
    }

    private JobServices Services(string actor) => DistributionHost.Services(host, stores, jobs, actor);
}
