using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Scheduling;
using Orchestrator.Storage;

namespace Orchestrator.Hangfire.Scheduling;

/// <summary>Schedules as JSON, each with its next fire and its last run's status: <c>schedules --json</c> and the HTTP API.</summary>
public static class ScheduleDocuments
{
    public static async Task<List<JsonObject>> ListAsync(OrchestratorStores stores, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = new List<JsonObject>();
        foreach (var schedule in await stores.Schedules.ListSchedulesAsync(cancellationToken))
        {
            var last = schedule.LastRunId is { } id ? await stores.Runs.FindRunAsync(id, cancellationToken) : null;
            rows.Add(new JsonObject
            {
                ["name"] = schedule.Name,
                ["workflow"] = schedule.WorkflowId,
                ["version"] = schedule.WorkflowVersion,
                ["cron"] = schedule.Cron,
                ["timeZone"] = schedule.TimeZone,
                ["nextFire"] = CronSchedule.TryParse(schedule.Cron, schedule.TimeZone, out _)?.NextAfter(now),
                ["queue"] = schedule.Queue,
                ["overlap"] = Name(schedule.Overlap),
                ["inputs"] = schedule.Inputs.DeepClone(),
                ["lastFire"] = schedule.LastFireAt,
                ["lastRun"] = schedule.LastRunId,
                ["lastRunStatus"] = last is null ? null : RunDocuments.Name(last.Status),
                ["createdBy"] = schedule.CreatedBy,
                ["createdAt"] = schedule.CreatedAt,
            });
        }
        return rows;
    }

    public static string Name(OverlapPolicy policy) => policy == OverlapPolicy.Queue ? "queue" : "skip";
}
