using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Core.Access;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Server.Access;
using Orchestrator.Server.Runs;
using Orchestrator.Storage;

namespace Orchestrator.Server.Api;

/// <summary>
/// Runs: the list (newest first, filtered by workflow and status, paged), one run with its step journal, its learning
/// curve and its live events; starting (in this process or queued), resuming and cancelling. The documents are the
/// ones <c>runs --json</c> and <c>show --json</c> print.
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
            var page = await stores.Runs.QueryRunsAsync(new RunQuery(workflow, wanted, skip, take), http.RequestAborted);
            return Results.Json(new JsonObject
            {
                ["runs"] = new JsonArray([.. await RunSummaries.WithProgressAsync(stores, page.Runs, http.RequestAborted)]),
                ["offset"] = skip,
                ["limit"] = take,
                ["more"] = page.More,
            });
        }).Requires(ApiKeyRole.Viewer);

        // journal=brief leaves out each step's output and state changes (a long journal's bulk): GET .../steps/{key} has them.
        app.MapGet("/api/runs/{id}", async (HttpContext http, OrchestratorStores stores, string id, string? journal) =>
        {
            if (journal is not (null or "full" or "brief")) return Problems.BadRequest($"journal must be full (the default) or brief, not '{journal}'");
            if (await stores.Runs.FindRunAsync(id, http.RequestAborted) is not { } run) return NoRun(id);
            if (journal == "brief") return new BriefJournalResult(run, await stores.Runs.GetJournalAsync(id, http.RequestAborted));
            var document = RunDocuments.Run(run);
            document["steps"] = new JsonArray([.. (await stores.Runs.GetStepsAsync(id, http.RequestAborted)).Select(s => (JsonNode)RunDocuments.Step(s))]);
            return Results.Json(document);
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/runs/{id}/steps/{**key}", async (HttpContext http, OrchestratorStores stores, string id, string key) =>
        {
            if (await stores.Runs.FindRunAsync(id, http.RequestAborted) is null) return NoRun(id);
            var step = (await stores.Runs.GetStepsAsync(id, http.RequestAborted)).FirstOrDefault(s => s.Key == key);
            return step is null ? Problems.NotFound($"run {id} has no step '{key}' in its journal") : Results.Json(RunDocuments.Step(step));
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/runs/{id}/curve", async (HttpContext http, OrchestratorStores stores, string id) =>
        {
            if (await stores.Runs.FindRunAsync(id, http.RequestAborted) is not { } run) return NoRun(id);
            // Only an improvement run has rounds; for any other the journal need not be read at all.
            return Results.Json(RunCurve.HasRounds(run) ? RunCurve.Of(run, await stores.Runs.GetStepsAsync(id, http.RequestAborted)) : RunCurve.Of(run, []));
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/runs/{id}/events", async (HttpContext http, OrchestratorStores stores, TimeProvider time, EventStreamLimit limit, string id) =>
        {
            if (await stores.Runs.FindRunAsync(id, http.RequestAborted) is not { } run) return NoRun(id);
            using var slot = limit.TryEnter();
            if (slot is null)
            {
                http.Response.Headers.RetryAfter = "5";
                return Problems.TooMany($"{limit.Max} event streams are open on this server, its limit; try again when one has closed, or read GET /api/runs/{id} instead");
            }
            try
            {
                await new RunEventStream(stores, http.Response, time).StreamAsync(run, http.RequestAborted);
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                // The client went away: that is how a stream usually ends.
            }
            return Results.Empty;
        }).Requires(ApiKeyRole.Viewer);

        app.MapPost("/api/runs", async (HttpContext http) =>
        {
            if (Launcher(http) is not { } launcher) return Problems.NotServed("this server reads the store but has no activities to run workflows with ('orchestrator serve' does)");
            var (body, problem) = await JsonBody.ReadAsync(http.Request);
            if (problem is not null) return problem;
            var fields = new BodyFields(body!, "workflow", "inputs", "seed", "id", "queue");
            var request = new LaunchRequest(fields.String("workflow", required: true)!, fields.Object("inputs") ?? [], fields.Integer("seed"), fields.String("id"), fields.String("queue"));
            if (fields.Problem() is { } wrong) return wrong;
            return Launched(await launcher.StartAsync(request, CallerKey.Actor(http), http.RequestAborted), $"workflow '{request.Workflow}' was not started");
        }).Requires(ApiKeyRole.Operator);

        app.MapPost("/api/runs/{id}/resume", async (HttpContext http, OrchestratorStores stores, string id) =>
        {
            if (Launcher(http) is not { } launcher) return Problems.NotServed("this server reads the store but has no activities to run workflows with ('orchestrator serve' does)");
            if (await stores.Runs.FindRunAsync(id, http.RequestAborted) is not { } run) return NoRun(id);
            if (run.Status == RunStatus.Succeeded) return Problems.Conflict($"run {id} has succeeded; there is nothing to resume");
            return Launched(await launcher.ResumeAsync(id, CallerKey.Actor(http), http.RequestAborted), $"run {id} was not resumed");
        }).Requires(ApiKeyRole.Operator);

        MapCancel(app);
    }

    private static void MapCancel(IEndpointRouteBuilder app) =>
        // Through the store, so a run executing in any process (this server, a terminal, a worker) stops at its next poll.
        app.MapPost("/api/runs/{id}/cancel", async (HttpContext http, OrchestratorStores stores, TimeProvider time, string id) =>
        {
            if (await stores.Runs.FindRunAsync(id, http.RequestAborted) is not { } run) return NoRun(id);
            if (RunEventStream.IsFinished(run.Status)) return Problems.Conflict($"run {id} has finished ({RunDocuments.Name(run.Status)}); there is nothing to cancel");
            var reason = "cancelled through the API";
            if (http.Request.ContentLength > 0 || http.Request.ContentType is not null) // a JSON body may come chunked, without a length
            {
                var (body, problem) = await JsonBody.ReadAsync(http.Request);
                if (problem is not null) return problem;
                var fields = new BodyFields(body!, "reason");
                reason = fields.String("reason") ?? reason;
                if (fields.Problem() is { } wrong) return wrong;
            }
            await stores.Control.RequestCancelAsync(new CancelRequest(id, CallerKey.Actor(http), reason, time.GetUtcNow()), http.RequestAborted);
            return Results.Json(RunDocuments.Summary(run), statusCode: StatusCodes.Status202Accepted);
        }).Requires(ApiKeyRole.Operator);

    private static IResult Launched(LaunchOutcome outcome, string refused) =>
        outcome.Run is { } run
            ? Results.Json(RunDocuments.Summary(run), statusCode: StatusCodes.Status202Accepted)
            : Problems.Invalid(refused, outcome.Issues);

    /// <summary>The host's launcher; a server that only reads the store has none.</summary>
    private static IRunLauncher? Launcher(HttpContext http) => http.RequestServices.GetService<IRunLauncher>();

    private static IResult NoRun(string id) => Problems.NotFound($"no run has the id '{id}' in this store (GET /api/runs lists them)");
}
