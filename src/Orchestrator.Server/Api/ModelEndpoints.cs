using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Core.Access;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Registry;
using Orchestrator.Server.Access;
using Orchestrator.Storage;

namespace Orchestrator.Server.Api;

/// <summary>
/// The model registry: models, a model with every version (each with its lineage) and its alias journal, one
/// version, the chain behind a version, promoting a version to an alias and rolling an alias back.
/// </summary>
public static class ModelEndpoints
{
    public static void MapModels(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/models", async (HttpContext http, OrchestratorStores stores) =>
        {
            var list = new JsonArray();
            foreach (var name in await stores.Models.ListModelsAsync(http.RequestAborted))
                list.Add(new JsonObject
                {
                    ["name"] = name,
                    ["versions"] = (await stores.Models.ListVersionsAsync(name, http.RequestAborted)).Count,
                    ["aliases"] = Aliases(await stores.Models.GetAliasesAsync(name, http.RequestAborted)),
                });
            return Results.Json(list);
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/models/{name}", async (HttpContext http, OrchestratorStores stores, string name) =>
        {
            var versions = await stores.Models.ListVersionsAsync(name, http.RequestAborted);
            if (versions.Count == 0) return NoModel(name);
            var aliases = await stores.Models.GetAliasesAsync(name, http.RequestAborted);
            return Results.Json(new JsonObject
            {
                ["name"] = name,
                ["aliases"] = Aliases(aliases),
                ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)ModelDocuments.Of(v))]),
                ["aliasJournal"] = new JsonArray([.. (await JournalAsync(stores.Models, name, aliases.Keys, http.RequestAborted)).Select(m => (JsonNode)AliasDocuments.Of(m))]),
            });
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/models/{name}/versions", async (HttpContext http, OrchestratorStores stores, string name) =>
        {
            var versions = await stores.Models.ListVersionsAsync(name, http.RequestAborted);
            return versions.Count == 0 ? NoModel(name) : Results.Json(new JsonArray([.. versions.Select(v => (JsonNode)ModelDocuments.Of(v))]));
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/models/{name}/versions/{version:int}", async (HttpContext http, OrchestratorStores stores, string name, int version) =>
            await stores.Models.GetAsync(name, version, http.RequestAborted) is { } model ? Results.Json(ModelDocuments.Of(model)) : NoVersion(name, version))
            .Requires(ApiKeyRole.Viewer);

        // The chain from a version (default: the champion, else the newest) back to the first, as 'models lineage' prints it.
        app.MapGet("/api/models/{name}/lineage", async (HttpContext http, OrchestratorStores stores, string name, int? version) =>
        {
            var versions = (await stores.Models.ListVersionsAsync(name, http.RequestAborted)).ToDictionary(v => v.Version);
            if (versions.Count == 0) return NoModel(name);
            var aliases = await stores.Models.GetAliasesAsync(name, http.RequestAborted);
            var start = version ?? (aliases.TryGetValue("champion", out var champion) ? champion : versions.Keys.Max());
            if (!versions.ContainsKey(start)) return NoVersion(name, start);
            var chain = new JsonArray();
            for (int? at = start; at is { } v && versions.TryGetValue(v, out var model) && chain.Count < versions.Count; at = model.Lineage.ParentVersion)
                chain.Add(ModelDocuments.Of(model));
            return Results.Json(new JsonObject { ["name"] = name, ["from"] = start, ["chain"] = chain });
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/models/{name}/aliases", async (HttpContext http, OrchestratorStores stores, string name) =>
        {
            var aliases = await stores.Models.GetAliasesAsync(name, http.RequestAborted);
            return Results.Json(new JsonArray([.. (await JournalAsync(stores.Models, name, aliases.Keys, http.RequestAborted)).Select(m => (JsonNode)AliasDocuments.Of(m))]));
        }).Requires(ApiKeyRole.Viewer);

        app.MapPost("/api/models/{name}/promote", async (HttpContext http, OrchestratorStores stores, string name) =>
        {
            var (body, problem) = await JsonBody.ReadAsync(http.Request);
            if (problem is not null) return problem;
            var fields = new BodyFields(body!, "version", "alias", "reason", "evidence");
            var (version, alias, reason, evidence) = (fields.Integer("version", required: true), fields.String("alias", required: true), fields.String("reason", required: true), fields.Object("evidence"));
            if (fields.Problem() is { } wrong) return wrong;
            if (await stores.Models.GetAsync(name, (int)version!.Value, http.RequestAborted) is null) return NoVersion(name, (int)version.Value);
            var move = await stores.Models.MoveAliasAsync(new AliasMoveRequest(name, alias!, (int)version.Value, CallerKey.Actor(http), reason!, evidence), http.RequestAborted);
            return Results.Json(AliasDocuments.Of(move));
        }).Requires(ApiKeyRole.Admin);

        app.MapPost("/api/models/{name}/rollback", async (HttpContext http, OrchestratorStores stores, string name) =>
        {
            var (body, problem) = await JsonBody.ReadAsync(http.Request);
            if (problem is not null) return problem;
            var fields = new BodyFields(body!, "alias", "reason");
            var (alias, reason) = (fields.String("alias", required: true), fields.String("reason"));
            if (fields.Problem() is { } wrong) return wrong;
            var history = await stores.Models.GetAliasHistoryAsync(name, alias!, http.RequestAborted);
            if (history.Count == 0) return Problems.NotFound($"model '{name}' has no journal for alias '{alias}'; nothing to roll back");
            if (history[^1].From is not { } previous)
                return Problems.Conflict($"alias '{alias}' of '{name}' has had only one holder ({history[^1].To}); there is nothing earlier to roll back to");
            var move = await stores.Models.MoveAliasAsync(
                new AliasMoveRequest(name, alias!, previous, CallerKey.Actor(http), reason ?? "rollback through the API", ExpectedFrom: history[^1].To), http.RequestAborted);
            return Results.Json(AliasDocuments.Of(move));
        }).Requires(ApiKeyRole.Admin);
    }

    /// <summary>Every move of every alias, in the order they were made.</summary>
    private static async Task<List<AliasMove>> JournalAsync(IModelRegistry models, string name, IEnumerable<string> aliases, CancellationToken cancellationToken)
    {
        var moves = new List<AliasMove>();
        foreach (var alias in aliases) moves.AddRange(await models.GetAliasHistoryAsync(name, alias, cancellationToken));
        return [.. moves.OrderBy(m => m.At).ThenBy(m => m.Sequence)];
    }

    private static JsonObject Aliases(IReadOnlyDictionary<string, int> aliases) => new(aliases.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));

    private static IResult NoModel(string name) => Problems.NotFound($"no model '{name}' in the registry (GET /api/models lists them)");

    private static IResult NoVersion(string name, int version) => Problems.NotFound($"no version {version} of model '{name}' (GET /api/models/{name}/versions lists them)");
}
