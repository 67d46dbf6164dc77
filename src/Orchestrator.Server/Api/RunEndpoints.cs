using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Core.Access;
using Orchestrator.Core.Engine;
using Orchestrator.Server.Access;
using Orchestrator.Storage;

namespace Orchestrator.Server.Api;

/// <summary>
/// <c>GET /api/runs</c> (newest first, filtered by workflow and status, paged by offset and limit) and
/// <c>GET /api/runs/{id}</c> (the run and its step journal), in the documents <c>runs --json</c> and <c>show --json</c> print.
/// </summary>
public static class RunEndpoints
{
    public const int MaxLimit = 500;

    public static void MapRuns(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs", async (HttpContext http, OrchestratorStores stores, string? workflow, string? status, int? offset, int? limit) =>
        {
            var (skip, take) = (offset ?? 0, limit ?? 50);
            if (skip < 0 || take is < 1 or > MaxLimit)
                return Problems.BadRequest($"offset must be 0 or more and limit 1 to {MaxLimit} (given offset {skip}, limit {take})");
            // Only the names the documents print: Enum.TryParse would also take "Failed" or a number.
            var wanted = Enum.GetValues<RunStatus>().Cast<RunStatus?>().FirstOrDefault(s => RunDocuments.Name(s!.Value) == status);
            if (status is not null && wanted is null)
                return Problems.BadRequest($"status '{status}' is not a run status; give one of {string.Join(", ", Enum.GetValues<RunStatus>().Select(RunDocuments.Name))}");
            // The store lists newest first; filters apply to that order, so without them only the page is read.
            var unfiltered = workflow is null && wanted is null;
            var runs = await stores.Runs.ListRunsAsync(unfiltered ? skip + take + 1 : int.MaxValue, http.RequestAborted);
            var matching = runs.Where(r => (workflow is null || r.WorkflowId == workflow) && (wanted is null || r.Status == wanted)).ToList();
            return Results.Json(new JsonObject
            {
                ["runs"] = new JsonArray([.. matching.Skip(skip).Take(take).Select(r => (JsonNode)RunDocuments.Summary(r))]),
                ["offset"] = skip,
                ["limit"] = take,
                ["more"] = matching.Count > skip + take,
            });
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/runs/{id}", async (HttpContext http, OrchestratorStores stores, string id) =>
        {
            if (await stores.Runs.FindRunAsync(id, http.RequestAborted) is not { } run)
                return Problems.NotFound($"no run has the id '{id}' in this store (GET /api/runs lists them)");
            var document = RunDocuments.Run(run);
            document["steps"] = new JsonArray([.. (await stores.Runs.GetStepsAsync(id, http.RequestAborted)).Select(s => (JsonNode)RunDocuments.Step(s))]);
            return Results.Json(document);
        }).Requires(ApiKeyRole.Viewer);
    }
}
