using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Access;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Server.Tests.Api;

namespace Orchestrator.Server.Tests.Runs;

/// <summary>The running step's progress in the runs list, and cancel requests recorded by key, over real HTTP.</summary>
public sealed class ProgressApiTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task RunAsync(string id, RunStatus status, int minute) =>
        await _server.Stores.Runs.CreateRunAsync(new RunRecord
        {
            Id = id, WorkflowId = "w", WorkflowVersion = 1, DefinitionHash = "sha256:abc", Definitions = [], Inputs = [], Seed = 1, Status = status,
            CreatedAt = DateTimeOffset.UtcNow.AddMinutes(minute), UpdatedAt = DateTimeOffset.UtcNow.AddMinutes(minute),
        }, None);

    [Fact]
    public async Task A_running_run_shows_its_step_s_progress_and_a_finished_one_does_not()
    {
        await RunAsync("live", RunStatus.Running, 1);
        await RunAsync("done", RunStatus.Succeeded, 0);
        foreach (var id in new[] { "live", "done" })
            await _server.Stores.Control.ReportProgressAsync(new RunProgress(id, "round/6/train", new StepProgress("train", 180, 400)
            {
                Loss = 0.0501, TokensPerSecond = 29132, Remaining = TimeSpan.FromSeconds(4.2), Detail = "lr 1.0e-3",
            }, DateTimeOffset.UtcNow), None);
        using var viewer = _server.Client(await _server.KeyAsync(ApiKeyRole.Viewer, "v"));

        var runs = (await viewer.GetFromJsonAsync<JsonObject>("/api/runs"))!["runs"]!.AsArray();

        var progress = runs.Single(r => (string)r!["id"]! == "live")!["progress"]!;
        Assert.Equal(("round/6/train", 180, 400, 4.2), ((string)progress["step"]!, (int)progress["done"]!, (int)progress["total"]!, (double)progress["remainingSeconds"]!));
        Assert.Equal(29132, (double)progress["tokensPerSecond"]!);
        Assert.Null(runs.Single(r => (string)r!["id"]! == "done")!["progress"]);
    }

    [Fact]
    public async Task A_cancel_is_requested_by_key_and_a_finished_run_cannot_be_cancelled()
    {
        await RunAsync("live", RunStatus.Running, 1);
        await RunAsync("done", RunStatus.Succeeded, 0);
        var operatorKey = await _server.KeyAsync(ApiKeyRole.Operator, "otto");

        var cancel = await _server.SendAsync(HttpMethod.Post, "/api/runs/live/cancel", operatorKey, "{\"reason\": \"enough\"}");
        var finished = await _server.SendAsync(HttpMethod.Post, "/api/runs/done/cancel", operatorKey);
        var missing = await _server.SendAsync(HttpMethod.Post, "/api/runs/nope/cancel", operatorKey);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var request = await _server.Stores.Control.FindCancelRequestAsync("live", None);
        Assert.Equal(("key:otto", "enough"), (request!.By, request.Reason));
        Assert.Equal(HttpStatusCode.Conflict, finished.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
