using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Core.Access;
using Orchestrator.Hangfire.Scheduling;
using Orchestrator.Server.Access;
using Orchestrator.Server.Schedules;
using Orchestrator.Storage;

namespace Orchestrator.Server.Api;

/// <summary>
/// Schedules: each with its cron, next fire and last run, as <c>schedules --json</c> prints them; creating (or
/// replacing) one, deleting one, and firing one now. Changes are journalled with the key's name.
/// </summary>
public static class ScheduleEndpoints
{
    public static void MapSchedules(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/schedules", async (HttpContext http, OrchestratorStores stores, TimeProvider time) =>
            Results.Json(new JsonArray([.. await ScheduleDocuments.ListAsync(stores, time.GetUtcNow(), http.RequestAborted)])))
            .Requires(ApiKeyRole.Viewer);

        app.MapPost("/api/schedules", async (HttpContext http) =>
        {
            if (Manager(http) is not { } manager) return NoManager();
            var (body, problem) = await JsonBody.ReadAsync(http.Request);
            if (problem is not null) return problem;
            var fields = new BodyFields(body!, "workflow", "name", "cron", "timeZone", "inputs", "queue", "overlap");
            var request = new ScheduleRequest(fields.String("workflow", required: true)!, fields.String("name"), fields.String("cron", required: true)!,
                fields.String("timeZone") ?? "UTC", fields.Object("inputs") ?? [], fields.String("queue") ?? "default", fields.String("overlap") ?? "skip");
            if (fields.Problem() is { } wrong) return wrong;
            var outcome = await manager.SaveAsync(request, CallerKey.Actor(http), http.RequestAborted);
            return outcome.Detail is { } schedule
                ? Results.Json(schedule, statusCode: outcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK)
                : Problems.Invalid("the schedule was not saved", outcome.Issues);
        }).Requires(ApiKeyRole.Operator);

        app.MapDelete("/api/schedules/{name}", async (HttpContext http, string name) =>
        {
            if (Manager(http) is not { } manager) return NoManager();
            return await manager.DeleteAsync(name, CallerKey.Actor(http), http.RequestAborted) ? Results.NoContent() : NoSchedule(name);
        }).Requires(ApiKeyRole.Operator);

        app.MapPost("/api/schedules/{name}/trigger", async (HttpContext http, string name) =>
        {
            if (Manager(http) is not { } manager) return NoManager();
            return await manager.TriggerAsync(name, CallerKey.Actor(http), http.RequestAborted) is { } outcome
                ? outcome.Detail is { } fire ? Results.Json(fire, statusCode: StatusCodes.Status202Accepted) : Problems.Invalid($"schedule {name} did not fire", outcome.Issues)
                : NoSchedule(name);
        }).Requires(ApiKeyRole.Operator);
    }

    private static IScheduleManager? Manager(HttpContext http) => http.RequestServices.GetService<IScheduleManager>();

    private static IResult NoManager() => Problems.NotServed("this server cannot manage schedules ('orchestrator serve' can)");

    private static IResult NoSchedule(string name) => Problems.NotFound($"no schedule '{name}' (GET /api/schedules lists them)");
}
