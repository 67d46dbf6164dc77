using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Access;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Server.Tests.Api;

/// <summary>Definitions over real HTTP: versions, one version, the readable diff, the self-edit journal, lineage, rollback.</summary>
public sealed class WorkflowApiTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static JsonObject Document(int version, int steps) => new()
    {
        ["id"] = "loop", ["version"] = version, ["steps"] = new JsonArray(new JsonObject { ["id"] = "train", ["uses"] = "learning/post-train", ["with"] = new JsonObject { ["steps"] = steps } }),
    };

    /// <summary>loop@1 by a person; an editor's accepted proposal stored as draft @2 (400 -> 100 steps), adopted with its gain; a refused proposal.</summary>
    private async Task HistoryAsync()
    {
        await _server.Stores.Definitions.PublishAsync(new PublishRequest("loop", Document(1, 400), "sha256:" + new string('1', 64), "user:ann", "first"), None);
        await _server.Stores.Definitions.PublishAsync(new PublishRequest("loop", Document(2, 100), "sha256:" + new string('2', 64), "editor:tunables", "proposal", Draft: true), None);
        var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/steps/0/with/steps", ["value"] = 100 });
        await _server.Stores.Definitions.AppendEditAsync(new EditJournalEntry("loop", 1, "tunables", patch, true, [], 2, "fewer steps a round"), None);
        await _server.Stores.Definitions.AppendEditAsync(new EditJournalEntry("loop", 1, "tunables", patch, false, [new EditRejection("/gate", "the gate is protected")]), None);
        await _server.Stores.Definitions.MoveAliasAsync(new AliasMoveRequest("loop", IDefinitionStore.CurrentAlias, 2, "meta-gate", "adopted",
            new JsonObject { ["meanGain"] = 1.5, ["pValue"] = 0.01 }, ExpectedFrom: 1), None);
    }

    [Fact]
    public async Task A_definition_shows_its_versions_edits_and_lineage_with_the_gain()
    {
        await HistoryAsync();
        using var viewer = _server.Client(await _server.KeyAsync(ApiKeyRole.Viewer, "v"));

        var list = (await viewer.GetFromJsonAsync<JsonArray>("/api/workflows"))!;
        var loop = (await viewer.GetFromJsonAsync<JsonObject>("/api/workflows/loop"))!;

        Assert.Equal(2, (int)list.Single()!["versions"]!);
        Assert.Equal(2, (int)loop["current"]!);
        Assert.Equal([true, false], loop["edits"]!.AsArray().Select(e => (bool)e!["accepted"]!));
        Assert.Equal("/gate: the gate is protected", (string)loop["edits"]![1]!["rejections"]![0]!);
        Assert.Equal("fewer steps a round", (string)loop["edits"]![0]!["rationale"]!);
        var adopted = loop["lineage"]!.AsArray().Last()!;
        Assert.Equal(2, (int)adopted["version"]!);
        Assert.Equal(1.5, (double)adopted["gain"]!);
        Assert.Equal(0.01, (double)adopted["pValue"]!);
    }

    [Fact]
    public async Task The_diff_between_two_versions_has_each_change_with_before_and_after()
    {
        await HistoryAsync();
        using var viewer = _server.Client(await _server.KeyAsync(ApiKeyRole.Viewer, "v"));

        var diff = (await viewer.GetFromJsonAsync<JsonObject>("/api/workflows/loop/diff?from=1&to=2"))!;
        var version = (await viewer.GetFromJsonAsync<JsonObject>("/api/workflows/loop/versions/1"))!;

        var change = diff["changes"]!.AsArray().Single()!;
        Assert.Equal("/steps/0/with/steps", (string)change["path"]!);
        Assert.Equal(400, (int)change["before"]!);
        Assert.Equal(100, (int)change["after"]!);
        Assert.Equal(400, (int)version["document"]!["steps"]![0]!["with"]!["steps"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/workflows/loop/diff?from=1&to=9")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.GetAsync("/api/workflows/loop/diff?from=1")).StatusCode);
    }

    [Fact]
    public async Task An_admin_rolls_current_back_and_publishing_needs_a_host_with_activities()
    {
        await HistoryAsync();
        var admin = await _server.KeyAsync(ApiKeyRole.Admin, "ada");

        var rollback = await _server.SendAsync(HttpMethod.Post, "/api/workflows/loop/rollback", admin, "{\"to\": 1, \"reason\": \"the gain did not hold\"}");
        var publish = await _server.SendAsync(HttpMethod.Post, "/api/workflows", admin, "{\"text\": \"id: x\"}");

        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal(1, await _server.Stores.Definitions.GetAliasAsync("loop", IDefinitionStore.CurrentAlias, None));
        Assert.Equal("key:ada", (await _server.Stores.Definitions.GetAliasHistoryAsync("loop", IDefinitionStore.CurrentAlias, None))[^1].By);
        Assert.Equal(HttpStatusCode.NotImplemented, publish.StatusCode);
    }

    [Fact]
    public async Task An_evaluator_id_with_a_slash_is_reached_encoded()
    {
        await _server.Stores.Definitions.PublishAsync(new PublishRequest("evaluators/verified", new JsonObject { ["id"] = "verified", ["version"] = 1 }, "sha256:" + new string('3', 64), "user:ann", "first"), None);
        using var viewer = _server.Client(await _server.KeyAsync(ApiKeyRole.Viewer, "v"));

        var evaluator = (await viewer.GetFromJsonAsync<JsonObject>("/api/workflows/evaluators%2Fverified"))!;

        Assert.Equal("evaluators/verified", (string)evaluator["id"]!);
    }
}
