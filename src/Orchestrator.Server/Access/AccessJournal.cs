using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Core.Access;
using Orchestrator.Server.Api;
using Orchestrator.Storage;

namespace Orchestrator.Server.Access;

/// <summary>
/// Every change made through the server is journalled with the key that made it: after a POST or DELETE whose key
/// the role filter accepted, one entry with the method, path, the id the route names and the answer's status, refusals
/// included. <c>GET /api/journal</c> (admin) reads it back, newest first.
/// </summary>
public static class AccessJournal
{
    public static void UseAccessJournal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || CallerKey.Of(context) is not { } key) return;
        var target = context.Request.RouteValues.TryGetValue("id", out var id) ? id?.ToString()
            : context.Request.RouteValues.TryGetValue("name", out var name) ? name?.ToString() : null;
        var stores = context.RequestServices.GetRequiredService<OrchestratorStores>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        // The change has happened: a client gone by now must not stop it being journalled.
        await stores.Keys.AppendAccessAsync(new AccessEntry(time.GetUtcNow(), key.Name, context.Request.Method, context.Request.Path, context.Response.StatusCode, target), CancellationToken.None);
    });

    public static void MapAccessJournal(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/journal", async (HttpContext http, OrchestratorStores stores, int? limit) =>
        {
            var take = limit ?? 100;
            if (take is < 1 or > 1000) return Problems.BadRequest($"limit must be 1 to 1000 (given {take})");
            var entries = await stores.Keys.ListAccessAsync(take, http.RequestAborted);
            return Results.Json(entries.Select(e => new { e.Sequence, e.At, e.Key, e.Method, e.Path, e.Status, e.Target }));
        }).Requires(ApiKeyRole.Admin);
}
