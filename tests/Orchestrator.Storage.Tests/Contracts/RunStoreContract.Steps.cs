using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>The step journal: attempts, commits with the run's state, and the order of first recording.</summary>
public abstract partial class RunStoreContract
{
    /// <summary>A store holding <c>run-1</c>, as the engine leaves it after starting a run.</summary>
    private async Task<IRunStore> StoreWithRunAsync()
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run(), None);
        return store;
    }

    [Fact]
    public async Task Begin_records_a_running_first_attempt()
    {
        var store = await StoreWithRunAsync();

        var start = await store.BeginStepAsync("run-1", Records.Step("a"), Records.T0, None);

        Assert.Equal(new StepStart(1, Records.T0), start);
        var step = Assert.Single(await store.GetStepsAsync("run-1", None));
        Same.Step(Records.Step("a") with { Status = StepStatus.Running, Attempts = 1, FirstStartedAt = Records.T0 }, step);
        Assert.Equal(1, step.Sequence);
    }

    [Fact]
    public async Task Begin_increments_attempts_and_keeps_the_first_start()
    {
        var store = await StoreWithRunAsync();
        await store.BeginStepAsync("run-1", Records.Step("a"), Records.T0, None);
        await store.BeginStepAsync("run-1", Records.Step("a"), Records.T0.AddSeconds(10), None);

        var third = await store.BeginStepAsync("run-1", Records.Step("a"), Records.T0.AddSeconds(30), None);

        Assert.Equal(new StepStart(3, Records.T0), third);
        var step = Assert.Single(await store.GetStepsAsync("run-1", None));
        Assert.Equal(3, step.Attempts);
        Assert.Equal(Records.T0, step.FirstStartedAt);
        Assert.Equal(1, step.Sequence);
    }

    [Fact]
    public async Task Begin_after_a_failed_attempt_clears_its_error_and_counts_on()
    {
        var store = await StoreWithRunAsync();
        await store.BeginStepAsync("run-1", Records.Step("a"), Records.T0, None);
        var error = new StepError("timeout", "too slow", "a", "/steps/0/do/0", 1);
        var failed = Records.Step("a", StepStatus.Failed) with { Attempts = 1, FirstStartedAt = Records.T0, EndedAt = Records.T0.AddSeconds(1), Error = error };
        await store.CommitStepAsync("run-1", failed, new JsonObject(), Records.T0.AddSeconds(1), None);
        Same.Step(failed, Assert.Single(await store.GetStepsAsync("run-1", None)));

        var retry = await store.BeginStepAsync("run-1", Records.Step("a"), Records.T0.AddMinutes(1), None);

        Assert.Equal(new StepStart(2, Records.T0), retry);
        var step = Assert.Single(await store.GetStepsAsync("run-1", None));
        Assert.Equal(StepStatus.Running, step.Status);
        Assert.Null(step.Error);
        Assert.Null(step.EndedAt);
    }

    [Fact]
    public async Task Begin_for_an_unknown_run_throws_naming_the_run()
    {
        var store = await StoreWithRunAsync();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => store.BeginStepAsync("ghost", Records.Step("a"), Records.T0, None));

        Assert.Contains("ghost", e.Message);
    }

    [Fact]
    public async Task Commit_updates_state_position_and_count_in_one_transaction()
    {
        var store = await StoreWithRunAsync();
        await store.BeginStepAsync("run-1", Records.Step("a"), Records.T0, None);
        var committed = Records.Succeeded("a");
        var state = new JsonObject { ["frontier"] = 4, ["nested"] = new JsonObject { ["list"] = new JsonArray(1, 2) } };
        var now = Records.T0.AddSeconds(2);

        await store.CommitStepAsync("run-1", committed, state, now, None);

        var run = await store.FindRunAsync("run-1", None);
        Same.Json(state, run!.State);
        Assert.Equal("a", run.Position);
        Assert.Equal(1, run.StepsCommitted);
        Assert.Equal(now, run.UpdatedAt);
        var step = Assert.Single(await store.GetStepsAsync("run-1", None));
        Same.Step(committed, step);
        Assert.Equal(1, step.Sequence);
    }

    [Fact]
    public async Task Commit_of_a_failed_step_moves_the_position_but_not_the_count()
    {
        var store = await StoreWithRunAsync();
        await store.CommitStepAsync("run-1", Records.Succeeded("a"), new JsonObject(), Records.T0, None);
        var failed = Records.Step("b", StepStatus.Failed) with { Attempts = 1, Error = new StepError("boom", "it broke", "b", "/steps/1", 1) };

        await store.CommitStepAsync("run-1", failed, new JsonObject { ["x"] = 1 }, Records.T0.AddSeconds(1), None);

        var run = await store.FindRunAsync("run-1", None);
        Assert.Equal("b", run!.Position);
        Assert.Equal(1, run.StepsCommitted);
        Same.Json(new JsonObject { ["x"] = 1 }, run.State);
    }

    [Fact]
    public async Task Commit_counts_skipped_steps_as_committed()
    {
        var store = await StoreWithRunAsync();
        var skipped = Records.Step("maybe", StepStatus.Skipped) with { EndedAt = Records.T0 };

        await store.CommitStepAsync("run-1", skipped, new JsonObject(), Records.T0, None);

        Assert.Equal(1, (await store.FindRunAsync("run-1", None))!.StepsCommitted);
        Same.Step(skipped, Assert.Single(await store.GetStepsAsync("run-1", None)));
    }

    [Fact]
    public async Task Journal_keeps_the_order_steps_were_first_recorded()
    {
        var store = await StoreWithRunAsync();
        // A loop's row is written when it ends, after its children; a retried step keeps its first place.
        await store.BeginStepAsync("run-1", Records.Step("first"), Records.T0, None);
        await store.BeginStepAsync("run-1", Records.Step("second"), Records.T0, None);
        await store.CommitStepAsync("run-1", Records.Succeeded("second"), new JsonObject(), Records.T0, None);
        await store.BeginStepAsync("run-1", Records.Step("first"), Records.T0, None);
        await store.CommitStepAsync("run-1", Records.Succeeded("first", attempts: 2), new JsonObject(), Records.T0, None);
        await store.CommitStepAsync("run-1", Records.Succeeded("loop"), new JsonObject(), Records.T0, None);

        var steps = await store.GetStepsAsync("run-1", None);

        Assert.Equal(["first", "second", "loop"], steps.Select(s => s.Key));
        Assert.Equal([1L, 2L, 3L], steps.Select(s => s.Sequence));
        Assert.Equal(2, steps[0].Attempts);
    }

    [Fact]
    public async Task Sequences_count_per_run()
    {
        var store = await StoreWithRunAsync();
        await store.CreateRunAsync(Records.Run("run-2"), None);
        await store.CommitStepAsync("run-1", Records.Succeeded("a"), new JsonObject(), Records.T0, None);
        await store.CommitStepAsync("run-1", Records.Succeeded("b"), new JsonObject(), Records.T0, None);

        await store.CommitStepAsync("run-2", Records.Succeeded("a"), new JsonObject(), Records.T0, None);

        Assert.Equal(1, Assert.Single(await store.GetStepsAsync("run-2", None)).Sequence);
        Assert.Equal(2, (await store.GetStepsAsync("run-1", None)).Count);
    }

    [Fact]
    public async Task Commit_for_an_unknown_run_throws_and_writes_no_step()
    {
        var store = await StoreWithRunAsync();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.CommitStepAsync("ghost", Records.Succeeded("a"), new JsonObject(), Records.T0, None));

        Assert.Contains("ghost", e.Message);
        Assert.Empty(await store.GetStepsAsync("ghost", None));
    }

    [Fact]
    public async Task Steps_of_an_unknown_run_are_empty()
    {
        var store = await StoreWithRunAsync();

        Assert.Empty(await store.GetStepsAsync("ghost", None));
    }

    [Fact]
    public async Task Json_null_and_scalar_outputs_round_trip()
    {
        var store = await StoreWithRunAsync();
        await store.CommitStepAsync("run-1", Records.Succeeded("scalar") with { Output = JsonValue.Create(42.5), StateChanges = null }, new JsonObject(), Records.T0, None);
        await store.CommitStepAsync("run-1", Records.Succeeded("none") with { Output = null, StateChanges = new JsonObject() }, new JsonObject(), Records.T0, None);

        var steps = await store.GetStepsAsync("run-1", None);

        Same.Json(JsonValue.Create(42.5), steps[0].Output);
        Assert.Null(steps[0].StateChanges);
        Assert.Null(steps[1].Output);
        Same.Json(new JsonObject(), steps[1].StateChanges);
    }
}
