using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Core.Access;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Versioning;
using Orchestrator.Server.Access;
using Orchestrator.Server.Definitions;
using Orchestrator.Storage;

namespace Orchestrator.Server.Api;

/// <summary>
/// Definitions (workflows and evaluators): the list, a definition's versions with its <c>current</c> moves, self-edit
/// journal and procedure lineage, one version's document, the diff between two, publishing and rolling back.
/// An evaluator's id has a slash (<c>evaluators/verified</c>): send it encoded, <c>evaluators%2Fverified</c>.
/// </summary>
public static class WorkflowEndpoints
{
    public static void MapWorkflows(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workflows", async (HttpContext http, OrchestratorStores stores) =>
        {
            var list = new JsonArray();
            foreach (var id in await stores.Definitions.ListDefinitionIdsAsync(http.RequestAborted))
                list.Add(new JsonObject
                {
                    ["id"] = id,
                    ["current"] = await stores.Definitions.GetAliasAsync(id, IDefinitionStore.CurrentAlias, http.RequestAborted),
                    ["versions"] = (await stores.Definitions.ListVersionsAsync(id, http.RequestAborted)).Count,
                });
            return Results.Json(list);
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/workflows/{id}", async (HttpContext http, OrchestratorStores stores, string id) =>
        {
            id = Uri.UnescapeDataString(id);
            if (await DefinitionDocuments.HistoryAsync(stores.Definitions, id, http.RequestAborted) is not { } history) return NoDefinition(id);
            history["lineage"] = history["current"] is null ? new JsonArray()
                : new JsonArray([.. (await WorkflowLineage.BuildAsync(stores.Definitions, id, null, http.RequestAborted)).Chain]);
            return Results.Json(history);
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/workflows/{id}/versions", async (HttpContext http, OrchestratorStores stores, string id) =>
        {
            id = Uri.UnescapeDataString(id);
            var versions = await stores.Definitions.ListVersionsAsync(id, http.RequestAborted);
            return versions.Count == 0 ? NoDefinition(id) : Results.Json(new JsonArray([.. versions.Select(v => (JsonNode)DefinitionDocuments.Version(v))]));
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/workflows/{id}/versions/{version:int}", async (HttpContext http, OrchestratorStores stores, string id, int version) =>
        {
            id = Uri.UnescapeDataString(id);
            if (await stores.Definitions.GetAsync(id, version, http.RequestAborted) is not { } stored) return NoVersion(id, version);
            var document = DefinitionDocuments.Version(stored);
            document["document"] = stored.Document.DeepClone();
            return Results.Json(document);
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/workflows/{id}/edits", async (HttpContext http, OrchestratorStores stores, string id) =>
        {
            id = Uri.UnescapeDataString(id);
            var edits = await stores.Definitions.GetEditsAsync(id, http.RequestAborted);
            return Results.Json(new JsonArray([.. edits.Select(e => (JsonNode)DefinitionDocuments.Edit(e))]));
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/workflows/{id}/diff", async (HttpContext http, OrchestratorStores stores, string id, int? from, int? to) =>
        {
            id = Uri.UnescapeDataString(id);
            if (from is null || to is null) return Problems.BadRequest("give both versions: ?from=V1&to=V2");
            if (await stores.Definitions.GetAsync(id, from.Value, http.RequestAborted) is not { } a) return NoVersion(id, from.Value);
            if (await stores.Definitions.GetAsync(id, to.Value, http.RequestAborted) is not { } b) return NoVersion(id, to.Value);
            return Results.Json(DefinitionDiff.Between(a, b).ToJson());
        }).Requires(ApiKeyRole.Viewer);

        app.MapPost("/api/workflows", async (HttpContext http) =>
        {
            if (http.RequestServices.GetService<IDefinitionPublisher>() is not { } publisher)
                return Problems.NotServed("this server has no validator for definitions ('orchestrator serve' has; 'orchestrator publish FILE' works too)");
            var (body, problem) = await JsonBody.ReadAsync(http.Request);
            if (problem is not null) return problem;
            var fields = new BodyFields(body!, "text", "fileName", "reason", "draft");
            var (text, fileName, reason, draft) = (fields.String("text", required: true), fields.String("fileName"), fields.String("reason"), fields.Boolean("draft"));
            if (fields.Problem() is { } wrong) return wrong;
            var outcome = await publisher.PublishAsync(text!, fileName ?? "posted.yaml", CallerKey.Actor(http), reason ?? "published through the API", draft, http.RequestAborted);
            if (outcome.Result is not { } result) return Problems.Invalid("the definition is not valid; nothing was published", outcome.Issues);
            var document = DefinitionDocuments.Version(result.Version);
            document["id"] = result.Version.DefinitionId;
            document["created"] = result.Created;
            return Results.Json(document, statusCode: result.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }).Requires(ApiKeyRole.Admin);

        app.MapPost("/api/workflows/{id}/rollback", async (HttpContext http, OrchestratorStores stores, string id) =>
        {
            id = Uri.UnescapeDataString(id);
            var (body, problem) = await JsonBody.ReadAsync(http.Request);
            if (problem is not null) return problem;
            var fields = new BodyFields(body!, "to", "reason");
            var (to, reason) = (fields.Integer("to", required: true), fields.String("reason"));
            if (fields.Problem() is { } wrong) return wrong;
            if (await stores.Definitions.GetAsync(id, (int)to!.Value, http.RequestAborted) is null) return NoVersion(id, (int)to.Value);
            var holder = await stores.Definitions.GetAliasAsync(id, IDefinitionStore.CurrentAlias, http.RequestAborted);
            var move = await stores.Definitions.MoveAliasAsync(
                new AliasMoveRequest(id, IDefinitionStore.CurrentAlias, (int)to.Value, CallerKey.Actor(http), reason ?? "rollback through the API", ExpectedFrom: holder ?? 0), http.RequestAborted);
            return Results.Json(AliasDocuments.Of(move));
        }).Requires(ApiKeyRole.Admin);
    }

    private static IResult NoDefinition(string id) => Problems.NotFound($"no definition '{id}' in this store (GET /api/workflows lists them)");

    private static IResult NoVersion(string id, int version) => Problems.NotFound($"no version {version} of '{id}' (GET /api/workflows/{Uri.EscapeDataString(id)}/versions lists them)");
}
