using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Core.Access;
using Orchestrator.Core.Artifacts;
using Orchestrator.Server.Access;
using Orchestrator.Storage;

namespace Orchestrator.Server.Api;

/// <summary>
/// Artifacts by content hash: whether the store holds one, and its bytes, re-hashed before they are sent. Only a
/// well-formed <c>sha256:HEX</c> ever reaches the store, so no path can be smuggled through the route.
/// </summary>
public static partial class ArtifactEndpoints
{
    public static void MapArtifacts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/artifacts/{hash}", async (HttpContext http, OrchestratorStores stores, string hash) =>
        {
            if (!IsHash(hash)) return NotAHash(hash);
            if (!await stores.Artifacts.ExistsAsync(hash, http.RequestAborted)) return NoArtifact(hash);
            var info = (await stores.Artifacts.ListAsync(http.RequestAborted)).FirstOrDefault(a => a.Hash == hash);
            return Results.Json(new JsonObject { ["hash"] = hash, ["bytes"] = info?.Bytes, ["content"] = $"/api/artifacts/{hash}/content" });
        }).Requires(ApiKeyRole.Viewer);

        app.MapGet("/api/artifacts/{hash}/content", async (HttpContext http, OrchestratorStores stores, string hash) =>
        {
            if (!IsHash(hash)) return NotAHash(hash);
            if (!await stores.Artifacts.ExistsAsync(hash, http.RequestAborted)) return NoArtifact(hash);
            try
            {
                var path = await stores.Artifacts.GetVerifiedPathAsync(hash, "a download through the API", http.RequestAborted);
                return Results.File(path, "application/octet-stream", hash.Replace(':', '-'));
            }
            catch (ArtifactException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status500InternalServerError, title: "the stored artifact does not match its hash");
            }
        }).Requires(ApiKeyRole.Viewer);
    }

    public static bool IsHash(string text) => HashPattern().IsMatch(text);

    private static IResult NotAHash(string hash) =>
        Problems.BadRequest($"'{(hash.Length > 80 ? hash[..80] + "…" : hash)}' is not an artifact hash; artifacts are named sha256: and 64 lowercase hex digits");

    private static IResult NoArtifact(string hash) => Problems.NotFound($"the store holds no artifact {hash}");

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex HashPattern();
}
