using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine.Control;

/// <summary>Progress reaches the control store throttled, never slowing or failing the step, and the last report is not lost.</summary>
public sealed class StoredProgressObserverTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    // Long enough that no second write happens by the interval within a test: whatever is written early is written because
    // a step or run finished, or because the observer is disposed.
    private static readonly TimeSpan LongInterval = TimeSpan.FromMinutes(10);

    private const string Training = """
        id: training
        steps:
          - { id: train, uses: test/progress, with: { reports: 100 } }
          - { id: after, uses: test/count, with: { label: after } }
        """;

    [Fact]
    public async Task A_hundred_reports_in_a_tight_loop_make_two_writes_the_first_and_the_last_once_the_step_finishes()
    {
        var control = new CountingControlStore();
        await using var progress = new StoredProgressObserver(control, LongInterval);
        var harness = new EngineHarness(observer: progress, control: control);
        // The other 99 reports come only once the first is in the store: the interval then holds them all back.
        harness.Progress.AfterFirstReport = () => StoredAsync(control, "trained", p => p.Progress.Done == 1);

        var run = await harness.Engine.StartAsync(harness.Load(Training), null, new JsonObject(), new RunStartOptions { RunId = "trained" });

        Assert.Equal(RunStatus.Succeeded, run.Status);
        // Without the write on the step's finish this would wait for the ten-minute interval and time out.
        var stored = await StoredAsync(control, run.Id, p => p.Progress.Done == 100);
        Assert.Equal("train", stored.StepKey);
        Assert.Equal(new StepProgress("train", 100, 100) { Loss = 0.01, TokensPerSecond = 1000, Detail = "report 100" }, stored.Progress);
        // The first report is written at once; the rest replace each other in memory until the step finishes.
        Assert.Equal(2, control.ProgressWrites);
    }

    [Fact]
    public async Task Store_errors_are_counted_never_fail_the_run_and_the_latest_report_is_written_once_the_store_is_back()
    {
        var control = new CountingControlStore { Failing = true };
        var progress = new StoredProgressObserver(control, LongInterval);
        var harness = new EngineHarness(observer: progress, control: control);

        var run = await harness.RunAsync(Training);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        await WaitForAsync(() => progress.FailedWrites > 0, "no failed write was counted");
        Assert.IsType<IOException>(progress.LastFailure);
        Assert.Equal(0, control.ProgressWrites);

        control.Failing = false;
        await progress.DisposeAsync();

        Assert.Equal(100, (await control.GetProgressAsync(run.Id, None))?.Progress.Done);
    }

    [Fact]
    public async Task A_report_held_back_by_the_interval_is_written_when_the_observer_is_disposed()
    {
        var control = new CountingControlStore();
        var progress = new StoredProgressObserver(control, LongInterval);

        progress.Progress("run-1", "train", new StepProgress("train", 1, 10));
        await StoredAsync(control, "run-1", p => p.Progress.Done == 1);
        progress.Progress("run-1", "train", new StepProgress("train", 2, 10));
        Assert.Equal(1, (await control.GetProgressAsync("run-1", None))?.Progress.Done);

        await progress.DisposeAsync();
        progress.Progress("run-1", "train", new StepProgress("train", 3, 10));

        Assert.Equal(2, (await control.GetProgressAsync("run-1", None))?.Progress.Done);
        Assert.Equal(2, control.ProgressWrites);
    }

    [Fact]
    public async Task Each_run_keeps_its_own_latest_report()
    {
        var control = new CountingControlStore();
        var progress = new StoredProgressObserver(control, LongInterval);

        progress.Progress("run-1", "train", new StepProgress("train", 5, 10));
        progress.Progress("run-2", "round/0/train", new StepProgress("train", 7, 10));
        await progress.DisposeAsync();

        var stored = await control.GetProgressAsync(["run-1", "run-2", "run-3"], None);
        Assert.Equal([("run-1", "train", 5L), ("run-2", "round/0/train", 7L)],
            stored.Values.OrderBy(p => p.RunId, StringComparer.Ordinal).Select(p => (p.RunId, p.StepKey, p.Progress.Done)));
    }

    private static async Task<RunProgress> StoredAsync(IRunControlStore control, string runId, Func<RunProgress, bool> wanted)
    {
        RunProgress? stored = null;
        await WaitForAsync(() => (stored = control.GetProgressAsync(runId, None).GetAwaiter().GetResult()) is { } p && wanted(p),
            $"run {runId}'s progress never became what was expected; last stored: {stored}");
        return stored!;
    }

    private static async Task WaitForAsync(Func<bool> condition, string failure)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail(failure);
            await Task.Delay(10);
        }
    }
}
