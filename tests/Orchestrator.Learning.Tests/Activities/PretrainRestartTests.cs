using System.Text.Json.Nodes;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Learning.Activities.Pretrain;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Activities;

/// <summary>Round 0 starts again from a fresh initialisation when it has not learned its first lengths in time.</summary>
public sealed class PretrainRestartTests : IDisposable
{
    private readonly LoopStore _store = new();

    [Fact]
    public async Task A_stalled_round_0_starts_again_from_fresh_weights_and_reports_every_abandoned_attempt()
    {
        // 20 steps of a width-32 model never answer 3-digit sums perfectly, so exact match 1.0 is a sure stall.
        var inputs = Stalling(steps: 40, restartAfter: 20, restarts: 2);
        var harness = new ActivityHarness(new PretrainActivity(_store.Learning)) { StepKey = "base" };

        var outcome = await harness.RunAsync(inputs);

        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        var restarts = outcome.Output!["restarts"]!.AsArray();
        Assert.Equal(2, restarts.Count);
        Assert.All(restarts, r => Assert.Equal(20, r!["steps"]!.GetValue<int>()));
        Assert.All(restarts, r => Assert.Equal(3, r!["length"]!.GetValue<int>()));
        Assert.All(restarts, r => Assert.InRange(r!["accuracy"]!.GetValue<double>(), 0, 0.999));
        Assert.Equal(2, harness.Logs.Count(l => l.StartsWith("restart ", StringComparison.Ordinal)));
        Assert.Equal(40 + 2 * 20, outcome.Output["steps"]!.GetValue<int>());

        // Three attempts, three different seeds; the registered model carries the last one's.
        var version = (await _store.Stores.Models.ListVersionsAsync("adder", default)).Single();
        var seeds = restarts.Select(r => r!["seed"]!.GetValue<long>()).Append(version.Lineage.Seed ?? 0).ToList();
        Assert.Equal(3, seeds.Distinct().Count());
        Assert.Equal(80, version.Lineage.Compute.TrainingSteps);
        Assert.DoesNotContain(Directory.EnumerateFiles(_store.Folder, "*", SearchOption.AllDirectories), f => f.Contains("scratch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_attempt_that_passes_the_stall_check_trains_the_same_weights_as_one_without_it()
    {
        var checkedRun = Stalling(steps: 40, restartAfter: 20, restarts: 2);
        checkedRun["restartBelow"] = 0.0;
        var plain = Stalling(steps: 40, restartAfter: 0, restarts: 2);
        using var other = new LoopStore();

        var withCheck = await new ActivityHarness(new PretrainActivity(_store.Learning)) { StepKey = "base" }.RunAsync(checkedRun);
        var without = await new ActivityHarness(new PretrainActivity(other.Learning)) { StepKey = "base" }.RunAsync(plain);

        Assert.Empty(withCheck.Output!["restarts"]!.AsArray());
        Assert.Equal(40, withCheck.Output["steps"]!.GetValue<int>());
        var a = (await _store.Stores.Models.ListVersionsAsync("adder", default)).Single();
        var b = (await other.Stores.Models.ListVersionsAsync("adder", default)).Single();
        Assert.Equal(b.CheckpointHash, a.CheckpointHash);
    }

    [Fact]
    public async Task A_step_stopped_in_its_second_attempt_resumes_that_attempt_and_still_reports_the_first()
    {
        var inputs = Stalling(steps: 40, restartAfter: 20, restarts: 1);
        inputs["checkpointEvery"] = 5;
        using var stop = new CancellationTokenSource();
        var interrupted = new ActivityHarness(new PretrainActivity(_store.Learning))
        {
            StepKey = "base",
            OnProgress = p => { if (p.Done >= 30) stop.Cancel(); },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await interrupted.RunAsync(inputs, cancellationToken: stop.Token));
        Assert.Single(interrupted.Logs, l => l.StartsWith("restart 1:", StringComparison.Ordinal));

        var resumed = new ActivityHarness(new PretrainActivity(_store.Learning)) { StepKey = "base" };
        var outcome = await resumed.RunAsync(inputs, attempt: 2);

        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        Assert.Contains(resumed.Logs, l => l.StartsWith("resuming training from its checkpoint at step 3", StringComparison.Ordinal));
        Assert.DoesNotContain(resumed.Logs, l => l.StartsWith("restart ", StringComparison.Ordinal));
        var restart = Assert.Single(outcome.Output!["restarts"]!.AsArray());
        Assert.Equal(20, restart!["steps"]!.GetValue<int>());
        Assert.Equal(60, outcome.Output["steps"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_attempt_that_answers_too_few_sums_one_digit_longer_once_trained_is_restarted_when_asked()
    {
        var inputs = Stalling(steps: 40, restartAfter: 20, restarts: 1);
        inputs["restartBelow"] = 0.0;
        inputs["restartBeyond"] = 1.0;   // never reached by 40 steps: every checked attempt is abandoned for it
        var harness = new ActivityHarness(new PretrainActivity(_store.Learning)) { StepKey = "base" };

        var outcome = await harness.RunAsync(inputs);

        // Checked once the attempt has trained all its steps, not at the stall check.
        var restart = Assert.Single(outcome.Output!["restarts"]!.AsArray());
        Assert.Equal(40, restart!["steps"]!.GetValue<int>());
        Assert.InRange(restart["beyond"]!.GetValue<double>(), 0, 0.999);
        Assert.Equal(80, outcome.Output["steps"]!.GetValue<int>());
        Assert.Contains(harness.Logs, l => l.StartsWith("restart 1: length 3 at ", StringComparison.Ordinal) && l.Contains(", length 4 at "));
    }

    [Fact]
    public void A_stall_check_at_or_after_the_last_step_is_refused_by_validation()
    {
        var problems = new ActivityHarness(new PretrainActivity(_store.Learning)).Check(Stalling(steps: 40, restartAfter: 40, restarts: 1));

        var problem = Assert.Single(problems);
        Assert.Equal("restartAfter", problem.Input);
        Assert.Contains("below steps (40)", problem.Message);
    }

    private static JsonObject Stalling(int steps, int restartAfter, int restarts)
    {
        var inputs = LoopSteps.Pretrain("adder", steps);
        inputs["restartAfter"] = restartAfter;
        inputs["restartBelow"] = 1.0;
        inputs["restarts"] = restarts;
        return inputs;
    }

    public void Dispose() => _store.Dispose();
}
