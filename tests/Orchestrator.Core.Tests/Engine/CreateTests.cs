using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

/// <summary>Creating a run for a worker: pinned and queued, idempotent by id, then executed by a resume.</summary>
public sealed class CreateTests
{
    private const string Workflow = """
        id: created
        inputs:
          n: { type: int, default: 2 }
        steps:
          - { id: double, uses: set, with: { value: "${inputs.n * 2}" } }
        """;

    [Fact]
    public async Task A_created_run_is_queued_on_its_queue_and_runs_when_resumed()
    {
        var harness = new EngineHarness();
        var definition = harness.Load(Workflow);

        var creation = await harness.Engine.CreateAsync(definition, null, new JsonObject { ["n"] = 3 }, new RunStartOptions { RunId = "c1", Queue = "train" });

        Assert.True(creation.Created);
        Assert.Equal(RunStatus.Queued, creation.Run.Status);
        Assert.Equal("train", (await harness.Store.FindRunAsync("c1", CancellationToken.None))!.Queue);
        Assert.Empty(await harness.JournalAsync("c1"));
        var run = await harness.Engine.ResumeAsync("c1");
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(6.0, JsonAssert.Number(run.State["value"]));
    }

    [Fact]
    public async Task Creating_the_same_id_again_returns_the_run_and_other_inputs_are_refused()
    {
        var harness = new EngineHarness();
        var definition = harness.Load(Workflow);
        var first = await harness.Engine.CreateAsync(definition, null, new JsonObject(), new RunStartOptions { RunId = "c2" });

        var again = await harness.Engine.CreateAsync(definition, null, new JsonObject(), new RunStartOptions { RunId = "c2" });
        Assert.False(again.Created);
        Assert.Equal(first.Run.CreatedAt, again.Run.CreatedAt);

        var other = await Assert.ThrowsAsync<RunSetupException>(() => harness.Engine.CreateAsync(definition, null, new JsonObject { ["n"] = 5 }, new RunStartOptions { RunId = "c2" }));
        Assert.Contains("already exists with other inputs", other.Message, StringComparison.Ordinal);
    }
}
