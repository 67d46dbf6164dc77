using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>The real engine on real definitions, journalling into the store.</summary>
public abstract partial class RunStoreContract
{
    private readonly ActivityRegistry _activities = new ActivityRegistry().AddBuiltInActivities();

    [Fact]
    public async Task Engine_run_succeeds_and_its_journal_is_stored()
    {
        var definition = Load("""
            id: storage-smoke
            inputs:
              rounds: { type: int, default: 3 }
            state:
              count: 0
            steps:
              - id: rounds
                loop: { times: "${inputs.rounds}" }
                do:
                  - id: inc
                    uses: set
                    with: { count: "${state.count + 1}" }
              - id: never
                if: "${state.count > 100}"
                uses: fail
                with: { message: unreachable }
              - id: done
                uses: set
                with: { finished: true }
            """);

        var store = await StoreAsync();
        var run = await Engine(store).StartAsync(definition, null, new JsonObject(), new RunStartOptions { RunId = "smoke-1", Seed = 7 });
        Assert.Equal(RunStatus.Succeeded, run.Status);
        await CloseAsync(store);

        // A new instance on the same store, as the next 'orchestrator show' would open it.
        var reopened = await StoreAsync();
        var stored = await reopened.FindRunAsync("smoke-1", None);
        Assert.NotNull(stored);
        Assert.Equal(RunStatus.Succeeded, stored.Status);
        Assert.Equal(definition.ContentHash, stored.DefinitionHash);
        Assert.Equal(7, stored.Seed);
        Same.Json(new JsonObject { ["rounds"] = 3 }, stored.Inputs);
        Same.Json(new JsonObject { ["count"] = 3, ["finished"] = true }, stored.State);
        Same.Json(new JsonObject { ["count"] = 3, ["finished"] = true }, stored.Output);
        Assert.Equal("done", stored.Position);
        Assert.Equal(6, stored.StepsCommitted);

        var journal = await reopened.GetStepsAsync("smoke-1", None);
        Assert.Equal(["rounds/0/inc", "rounds/1/inc", "rounds/2/inc", "rounds", "never", "done"], journal.Select(s => s.Key));
        Assert.Equal(
            [StepStatus.Succeeded, StepStatus.Succeeded, StepStatus.Succeeded, StepStatus.Succeeded, StepStatus.Skipped, StepStatus.Succeeded],
            journal.Select(s => s.Status));
        Same.Json(new JsonObject { ["count"] = 2 }, journal[1].StateChanges);
        Assert.Equal(1, journal[0].Attempts);
        Assert.NotNull(journal[0].FirstStartedAt);
        Assert.Equal("set", journal[0].Kind);
        Assert.Equal("loop", journal[3].Kind);
    }

    [Fact]
    public async Task Failed_run_resumed_from_a_reopened_store_retries_only_the_failed_step()
    {
        var definition = Load("""
            id: storage-fails
            steps:
              - id: ok
                uses: set
                with: { a: 1 }
              - id: boom
                uses: fail
                with: { type: test-stop, message: stop here }
            """);
        var store = await StoreAsync();
        var run = await Engine(store).StartAsync(definition, null, new JsonObject(), new RunStartOptions { RunId = "fails-1" });
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("test-stop", run.Error?.Type);
        await CloseAsync(store);

        var reopened = await StoreAsync();
        var resumed = await Engine(reopened).ResumeAsync("fails-1");

        Assert.Equal(RunStatus.Failed, resumed.Status);
        Assert.Equal(new StepError("test-stop", "stop here", "boom", "/steps/1", 2), resumed.Error);
        var journal = await reopened.GetStepsAsync("fails-1", None);
        Assert.Equal(["ok", "boom"], journal.Select(s => s.Key));
        Assert.Equal(1, journal[0].Attempts);
        Assert.Equal(2, journal[1].Attempts);
        Assert.Equal(1, resumed.StepsCommitted);
    }

    [Fact]
    public async Task Parallel_branches_commit_concurrently_into_one_store()
    {
        var definition = Load("""
            id: storage-fan-out
            inputs:
              items: { type: list, default: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16] }
            steps:
              - id: fan
                parallel: { over: "${inputs.items}", maxDegree: 8 }
                do:
                  - id: first
                    uses: log
                    with: { message: "item ${item}" }
                  - id: second
                    uses: log
                    with: { message: "doubled ${item * 2}" }
            """);
        var store = await StoreAsync();

        var run = await Engine(store).StartAsync(definition, null, new JsonObject(), new RunStartOptions { RunId = "fan-1" });

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(16 * 2 + 1, run.StepsCommitted);
        var journal = await store.GetStepsAsync("fan-1", None);
        Assert.Equal(16 * 2 + 1, journal.Count);
        Assert.Equal("fan", journal[^1].Key);
        Same.Json(new JsonArray(Enumerable.Range(1, 16).Select(i => (JsonNode?)new JsonObject { ["message"] = $"doubled {i * 2}" }).ToArray()), journal[^1].Output);
    }

    private WorkflowEngine Engine(IRunStore store) => new(store, new InProcessStepDispatcher(_activities));

    private WorkflowDefinition Load(string yaml)
    {
        var result = new DefinitionLoader(_activities).LoadText("test.yaml", yaml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Issues));
        return result.Definition!;
    }
}
