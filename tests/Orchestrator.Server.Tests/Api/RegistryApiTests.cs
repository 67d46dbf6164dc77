using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Core.Access;
using Orchestrator.Core.Registry;

namespace Orchestrator.Server.Tests.Api;

/// <summary>Models and artifacts over real HTTP: lineage, the alias journal with the key's name, promote and rollback, downloads re-verified.</summary>
public sealed class RegistryApiTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<string> PutAsync(string text)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await _server.Stores.Artifacts.PutAsync(content, None);
    }

    /// <summary>addition@1 (root), @2 from @1, @3 from @2 (refused: a dead end), @4 from @2; champion moved 1 -> 2 -> 4.</summary>
    private async Task LineageAsync()
    {
        foreach (var (version, parent) in new[] { (1, (int?)null), (2, 1), (3, 2), (4, 2) })
            await _server.Stores.Models.RegisterAsync(new RegisterModelRequest("addition", await PutAsync($"checkpoint {version}"),
                new ModelLineage { ParentVersion = parent, RunId = "run-1", Workflow = "self-improve-addition@1", Compute = new ComputeSpent(100 * version, 1000, 1.5) }, "test"), None);
        foreach (var to in new[] { 1, 2, 4 })
            await _server.Stores.Models.MoveAliasAsync(new("addition", "champion", to, "run run-1", $"gate passed for @{to}", new JsonObject { ["pValue"] = 0.001 }), None);
    }

    [Fact]
    public async Task A_model_lists_its_versions_with_lineage_and_its_alias_journal()
    {
        await LineageAsync();
        using var viewer = _server.Client(await _server.KeyAsync(ApiKeyRole.Viewer, "v"));

        var models = (await viewer.GetFromJsonAsync<JsonArray>("/api/models"))!;
        var model = (await viewer.GetFromJsonAsync<JsonObject>("/api/models/addition"))!;
        var chain = (await viewer.GetFromJsonAsync<JsonObject>("/api/models/addition/lineage"))!["chain"]!.AsArray();

        Assert.Equal(4, (int)models.Single()!["versions"]!);
        Assert.Equal(4, (int)model["aliases"]!["champion"]!);
        Assert.Equal([null, 1, 2, 2], model["versions"]!.AsArray().Select(v => (int?)v!["lineage"]!["parentVersion"]));
        Assert.Equal([1, 2, 4], model["aliasJournal"]!.AsArray().Select(m => (int)m!["to"]!));
        Assert.Equal(0.001, (double)model["aliasJournal"]![2]!["evidence"]!["pValue"]!);
        Assert.Equal([4, 2, 1], chain.Select(v => (int)v!["version"]!)); // from the champion back to the root, skipping the dead end
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/models/nope")).StatusCode);
    }

    [Fact]
    public async Task An_admin_promotes_and_rolls_back_and_the_journal_names_the_key()
    {
        await LineageAsync();
        var admin = await _server.KeyAsync(ApiKeyRole.Admin, "ada");

        var promoted = await _server.SendAsync(HttpMethod.Post, "/api/models/addition/promote", admin, "{\"version\": 3, \"alias\": \"champion\", \"reason\": \"by hand\"}");
        var rolledBack = await _server.SendAsync(HttpMethod.Post, "/api/models/addition/rollback", admin, "{\"alias\": \"champion\", \"reason\": \"undo\"}");
        var missing = await _server.SendAsync(HttpMethod.Post, "/api/models/addition/promote", admin, "{\"version\": 9, \"alias\": \"champion\", \"reason\": \"x\"}");

        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rolledBack.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var history = await _server.Stores.Models.GetAliasHistoryAsync("addition", "champion", None);
        Assert.Equal([1, 2, 4, 3, 4], history.Select(m => m.To));
        Assert.Equal(["key:ada", "key:ada"], history.TakeLast(2).Select(m => m.By));
        Assert.Equal(4, (await _server.Stores.Models.GetAliasesAsync("addition", None))["champion"]);
    }

    [Fact]
    public async Task An_artifact_downloads_with_its_bytes_and_a_damaged_one_is_refused_by_name()
    {
        var hash = await PutAsync("the checkpoint's bytes");
        using var viewer = _server.Client(await _server.KeyAsync(ApiKeyRole.Viewer, "v"));

        Assert.Equal("the checkpoint's bytes", await viewer.GetStringAsync($"/api/artifacts/{hash}/content"));
        Assert.Equal(22, (long)(await viewer.GetFromJsonAsync<JsonObject>($"/api/artifacts/{hash}"))!["bytes"]!);

        var path = await _server.Stores.Artifacts.GetVerifiedPathAsync(hash, "test", None);
        File.SetAttributes(path, FileAttributes.Normal);
        await File.WriteAllTextAsync(path, "tampered bytes!!!!!!!!");
        var damaged = await viewer.GetAsync($"/api/artifacts/{hash}/content");

        Assert.Equal(HttpStatusCode.InternalServerError, damaged.StatusCode);
        Assert.Contains(hash, (string)(await damaged.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
    }

    [Theory]
    [InlineData("/api/artifacts/..%2F..%2F..%2Fetc%2Fpasswd/content")]
    [InlineData("/api/artifacts/sha256:..%2F..%2Fstore.db/content")]
    [InlineData("/api/artifacts/sha256:ABCDEF/content")]
    public async Task A_name_that_is_not_a_hash_never_reaches_the_store(string path)
    {
        using var viewer = _server.Client(await _server.KeyAsync(ApiKeyRole.Viewer, "v"));

        var response = await viewer.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not an artifact hash", (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
    }
}
