using System.Text.Json.Nodes;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Learning.Activities.PostTrain;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Activities;

public sealed class PostTrainResumeTests : IDisposable
{
    private readonly LoopStore _store = new();

    [Fact]
    public async Task A_post_train_stopped_midway_resumes_from_its_checkpoint_and_registers_one_candidate()
    {
        var base_ = await LoopSteps.PretrainAsync(_store, "adder", steps: 20);
        var inputs = new JsonObject
        {
            ["model"] = "adder@1", ["dataset"] = base_["dataset"]!.GetValue<string>(),
            ["steps"] = 100, ["batch"] = 32, ["warmup"] = 10, ["decay"] = 20, ["checkpointEvery"] = 20,
        };
        using var stop = new CancellationTokenSource();
        var interrupted = new ActivityHarness(new PostTrainActivity(_store.Learning)) { StepKey = "round/0/train", OnProgress = p => { if (p.Done >= 45) stop.Cancel(); } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await interrupted.RunAsync(inputs, cancellationToken: stop.Token));
        Assert.Single(await _store.Stores.Models.ListVersionsAsync("adder", default));

        var resumed = new ActivityHarness(new PostTrainActivity(_store.Learning)) { StepKey = "round/0/train" };
        var outcome = await resumed.RunAsync(inputs, attempt: 2);

        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        var resumedAt = resumed.Logs.Single(l => l.StartsWith("resuming training from its checkpoint at step ", StringComparison.Ordinal));
        var step = int.Parse(resumedAt.Split(' ')[7]);
        Assert.InRange(step, 45, 99);
        Assert.DoesNotContain(resumed.Progress, p => p.Done <= step);
        Assert.Equal(100, outcome.Output!["steps"]!.GetValue<int>());

        var again = new ActivityHarness(new PostTrainActivity(_store.Learning)) { StepKey = "round/0/train" };
        var repeated = await again.RunAsync(inputs, attempt: 3);
        Assert.Equal("adder@2", repeated.Output!["model"]!.GetValue<string>());
        Assert.Empty(again.Progress);
        Assert.Equal(2, (await _store.Stores.Models.ListVersionsAsync("adder", default)).Count);
    }

    public void Dispose() => _store.Dispose();
}
