using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>What a run store keeps across instances, and what concurrent writers cannot lose.</summary>
public abstract partial class RunStoreContract
{
    [Fact]
    public async Task Data_survives_closing_and_reopening_the_store()
    {
        var run = Records.Run();
        var error = new StepError("t", "m", "b", "/steps/1", 1);
        var failed = Records.Step("b", StepStatus.Failed) with { Attempts = 1, FirstStartedAt = Records.T0, EndedAt = Records.T0, Error = error };
        var store = await StoreAsync();
        await store.CreateRunAsync(run, None);
        await store.BeginStepAsync(run.Id, Records.Step("a"), Records.T0, None);
        await store.CommitStepAsync(run.Id, Records.Succeeded("a"), new JsonObject { ["n"] = 1 }, Records.T0.AddSeconds(1), None);
        await store.BeginStepAsync(run.Id, Records.Step("b"), Records.T0, None);
        await store.CommitStepAsync(run.Id, failed, new JsonObject { ["n"] = 1 }, Records.T0.AddSeconds(2), None);
        await store.UpdateRunStatusAsync(run.Id, RunStatus.Failed, null, error, Records.T0.AddSeconds(3), None);
        await CloseAsync(store);

        var reopened = await StoreAsync();

        Same.Run(run with
        {
            Status = RunStatus.Failed,
            State = new JsonObject { ["n"] = 1 },
            Position = "b",
            StepsCommitted = 1,
            Error = error,
            UpdatedAt = Records.T0.AddSeconds(3),
        }, await reopened.FindRunAsync(run.Id, None));
        var steps = await reopened.GetStepsAsync(run.Id, None);
        Assert.Equal(2, steps.Count);
        Same.Step(Records.Succeeded("a"), steps[0]);
        Same.Step(failed, steps[1]);
        // The retry after reopening counts on from the attempts made before.
        Assert.Equal(2, (await reopened.BeginStepAsync(run.Id, Records.Step("b"), Records.T0.AddHours(1), None)).Attempt);
    }

    [Fact]
    public async Task Concurrent_commits_from_many_tasks_lose_nothing()
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run(), None);
        const int branches = 32, stepsPerBranch = 25;

        await Task.WhenAll(Enumerable.Range(0, branches).Select(branch => Task.Run(async () =>
        {
            for (var i = 0; i < stepsPerBranch; i++)
            {
                var key = $"fan/{branch}/step{i}";
                await store.BeginStepAsync("run-1", Records.Step(key), Records.T0, None);
                await store.CommitStepAsync("run-1", Records.Succeeded(key), new JsonObject { ["branch"] = branch }, Records.T0, None);
            }
        })));

        var run = await store.FindRunAsync("run-1", None);
        Assert.Equal(branches * stepsPerBranch, run!.StepsCommitted);
        var steps = await store.GetStepsAsync("run-1", None);
        Assert.Equal(branches * stepsPerBranch, steps.Count);
        Assert.All(steps, s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.Equal(Enumerable.Range(1, branches * stepsPerBranch).Select(i => (long)i), steps.Select(s => s.Sequence));
    }

    [Fact]
    public async Task Two_instances_on_one_store_write_at_once_without_losing_or_failing()
    {
        // Two instances have two connections, as two processes would: the backend's own locking serialises
        // them, where within one instance the store's own gate does.
        var first = await StoreAsync();
        var second = await StoreAsync();
        await first.CreateRunAsync(Records.Run("one"), None);
        await second.CreateRunAsync(Records.Run("two"), None);

        async Task WriteAsync(IRunStore store, string runId)
        {
            for (var i = 0; i < 200; i++)
                await store.CommitStepAsync(runId, Records.Succeeded($"s{i}"), new JsonObject { ["i"] = i }, Records.T0, None);
        }
        await Task.WhenAll(Task.Run(() => WriteAsync(first, "one")), Task.Run(() => WriteAsync(second, "two")));

        Assert.Equal(200, (await second.FindRunAsync("one", None))!.StepsCommitted);
        Assert.Equal(200, (await first.FindRunAsync("two", None))!.StepsCommitted);
        Assert.Equal(2, (await first.ListRunsAsync(10, None)).Count);
    }
}
