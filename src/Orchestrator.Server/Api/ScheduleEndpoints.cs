using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Core.Access;
using Orchestrator.Hangfire.Scheduling;
using Orchestrator.Server.Access;
using Orchestrator.Storage;

namespace Orchestrator.Server.Api;

/// <summary>Schedules: each with its cron, next fire and last run, as <c>schedules --json</c> prints them.</summary>
public static class ScheduleEndpoints
{
    public static void MapSchedules(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/schedules", async (HttpContext http, OrchestratorStores stores, TimeProvider time) =>
            Results.Json(new JsonArray([.. await ScheduleDocuments.ListAsync(stores, time.GetUtcNow(), http.RequestAborted)])))
            .Requires(ApiKeyRole.Viewer);
    }
}
