using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Storage;

namespace Orchestrator.Server.Api;

/// <summary><c>/healthz</c>: the process answers (no key). <c>/readyz</c>: so does the store (no key; says nothing of its contents).</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        app.MapGet("/readyz", async (HttpContext http, OrchestratorStores stores) =>
        {
            try
            {
                await stores.Runs.ListRunsAsync(1, http.RequestAborted);
                return Results.Ok(new { status = "ready" });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Problems.Unavailable($"the store at {stores.Location} does not answer: {e.Message}");
            }
        });
    }
}
