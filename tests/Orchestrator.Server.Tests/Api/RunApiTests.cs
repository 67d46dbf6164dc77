using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Access;
using Orchestrator.Core.Engine;

namespace Orchestrator.Server.Tests.Api;

/// <summary>The runs API over real HTTP: the auth matrix, paging and filters, a run with its journal, problem details.</summary>
public sealed class RunApiTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task AddRunAsync(string id, string workflow, RunStatus status, int minute)
    {
        await _server.Stores.Runs.CreateRunAsync(new RunRecord
        {
            Id = id, WorkflowId = workflow, WorkflowVersion = 1, DefinitionHash = "sha256:abc", Definitions = new JsonObject(),
            Inputs = new JsonObject { ["rounds"] = 2 }, Seed = 7, Status = status, CreatedAt = T0.AddMinutes(minute), UpdatedAt = T0.AddMinutes(minute),
        }, None);
    }

    [Fact]
    public async Task Health_needs_no_key_and_readiness_asks_the_store()
    {
        using var client = _server.Client();

        Assert.Equal("ok", (string)(await client.GetFromJsonAsync<JsonObject>("/healthz"))!["status"]!);
        Assert.Equal("ready", (string)(await client.GetFromJsonAsync<JsonObject>("/readyz"))!["status"]!);
    }

    [Fact]
    public async Task Without_a_valid_key_the_api_answers_401_and_says_why()
    {
        var revoked = await _server.KeyAsync(ApiKeyRole.Admin, "old");
        await _server.Stores.Keys.RevokeKeyAsync("old", "test", DateTimeOffset.UtcNow, None);

        foreach (var (key, why) in new[] { ((string?)null, "needs an API key"), ("ork_not-a-real-key", "not known"), (revoked, "was revoked") })
        {
            using var client = _server.Client(key);
            var response = await client.GetAsync("/api/runs");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(why, (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
        }
    }

    [Theory]
    [InlineData(ApiKeyRole.Viewer)]
    [InlineData(ApiKeyRole.Operator)]
    [InlineData(ApiKeyRole.Admin)]
    public async Task Every_role_reads_runs(ApiKeyRole role)
    {
        await AddRunAsync("r1", "self-improve-addition", RunStatus.Succeeded, 0);
        using var client = _server.Client(await _server.KeyAsync(role, "reader"));

        var page = await client.GetFromJsonAsync<JsonObject>("/api/runs");

        Assert.Equal("r1", (string)page!["runs"]![0]!["id"]!);
    }

    [Fact]
    public async Task Runs_are_paged_newest_first_and_filtered_by_workflow_and_status()
    {
        for (var i = 0; i < 7; i++) await AddRunAsync($"r{i}", i % 2 == 0 ? "even" : "odd", i < 5 ? RunStatus.Succeeded : RunStatus.Failed, i);
        using var client = _server.Client(await _server.KeyAsync(ApiKeyRole.Viewer, "reader"));

        static List<string> Ids(JsonObject? page) => [.. page!["runs"]!.AsArray().Select(r => (string)r!["id"]!)];
        var first = await client.GetFromJsonAsync<JsonObject>("/api/runs?limit=3");
        var second = await client.GetFromJsonAsync<JsonObject>("/api/runs?limit=3&offset=3");
        var last = await client.GetFromJsonAsync<JsonObject>("/api/runs?limit=3&offset=6");
        var even = await client.GetFromJsonAsync<JsonObject>("/api/runs?workflow=even");
        var failedEven = await client.GetFromJsonAsync<JsonObject>("/api/runs?workflow=even&status=failed");

        Assert.Equal(["r6", "r5", "r4"], Ids(first));
        Assert.True((bool)first!["more"]!);
        Assert.Equal(["r3", "r2", "r1"], Ids(second));
        Assert.Equal(["r0"], Ids(last));
        Assert.False((bool)last!["more"]!);
        Assert.Equal(["r6", "r4", "r2", "r0"], Ids(even));
        Assert.Equal(["r6"], Ids(failedEven));
    }

    [Theory]
    [InlineData("/api/runs?limit=0", "limit 1 to 500")]
    [InlineData("/api/runs?offset=-1", "offset must be 0 or more")]
    [InlineData("/api/runs?status=sleeping", "'sleeping' is not a run status")]
    [InlineData("/api/runs?status=1", "'1' is not a run status")]
    [InlineData("/api/runs?status=Failed", "'Failed' is not a run status")]
    [InlineData("/api/runs/ghost", "no run has the id 'ghost'")]
    public async Task Bad_requests_and_unknown_runs_are_problem_details_that_say_what_to_do(string path, string expected)
    {
        using var client = _server.Client(await _server.KeyAsync(ApiKeyRole.Viewer, "reader"));

        var response = await client.GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, response.StatusCode.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
    }

    [Fact]
    public async Task A_run_comes_with_its_step_journal()
    {
        await AddRunAsync("r1", "flow", RunStatus.Running, 0);
        var step = new StepRecord { Key = "round/0/train", StepId = "train", Pointer = "/steps/0", Kind = "learning/post-train", Status = StepStatus.Running, Attempts = 1 };
        await _server.Stores.Runs.BeginStepAsync("r1", step, T0, None);
        await _server.Stores.Runs.CommitStepAsync("r1", step with { Status = StepStatus.Succeeded, Output = new JsonObject { ["loss"] = 0.5 } }, new JsonObject { ["n"] = 1 }, T0.AddSeconds(3), None);
        using var client = _server.Client(await _server.KeyAsync(ApiKeyRole.Viewer, "reader"));

        var run = await client.GetFromJsonAsync<JsonObject>("/api/runs/r1");

        Assert.Equal(("r1", "flow", 2.0), ((string)run!["id"]!, (string)run["workflow"]!, (double)run["inputs"]!["rounds"]!));
        var journal = Assert.Single(run["steps"]!.AsArray())!;
        Assert.Equal(("round/0/train", "succeeded", 0.5), ((string)journal["key"]!, (string)journal["status"]!, (double)journal["output"]!["loss"]!));
    }

    [Fact]
    public async Task An_unknown_route_is_404()
    {
        using var client = _server.Client(await _server.KeyAsync(ApiKeyRole.Admin, "admin"));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/nothing-here")).StatusCode);
    }
}
