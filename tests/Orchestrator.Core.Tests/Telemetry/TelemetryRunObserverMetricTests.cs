using Orchestrator.Core.Engine;
using Orchestrator.Core.Telemetry;

namespace Orchestrator.Core.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryRunObserverMetricTests : IDisposable
{
    private readonly RecordedTelemetry _telemetry = new();
    private readonly ObservedEngine _engine = new();

    public void Dispose() => _telemetry.Dispose();

    [Fact]
    public async Task Every_journalled_step_is_counted_by_kind_and_status_and_timed_unless_skipped()
    {
        var run = await _engine.RunAsync("""
            id: metered
            steps:
              - { id: hello, uses: log, with: { message: hi } }
              - { id: flaky, uses: test/failing, with: { failTimes: 1 }, retry: { attempts: 2, delay: 1ms } }
              - id: rounds
                loop: { times: 2 }
                do:
                  - { id: add, uses: set, with: { n: "${loop.index}" } }
              - { id: never, if: "${false}", uses: log, with: { message: skipped } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var committed = _telemetry.Of(TelemetryNames.StepsCommitted, "metered");
        var counts = committed
            .GroupBy(m => ((string)m.Tags[TelemetryNames.StepKind]!, (string)m.Tags[TelemetryNames.StepStatus]!))
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<(string, string), double>
        {
            [("log", "succeeded")] = 1,
            [("log", "skipped")] = 1,
            [("test/failing", "succeeded")] = 1,
            [("set", "succeeded")] = 2,
            [("loop", "succeeded")] = 1,
        }, counts);

        var durations = _telemetry.Of(TelemetryNames.StepDuration, "metered");
        Assert.Equal(5, durations.Count);
        Assert.All(durations, d => Assert.True(d.Value >= 0));
        Assert.DoesNotContain(durations, d => (string?)d.Tags[TelemetryNames.StepStatus] == "skipped");
    }

    [Fact]
    public async Task A_failed_step_is_counted_and_timed_as_failed()
    {
        await _engine.RunAsync("""
            id: metered-failure
            steps:
              - { id: stop, uses: fail, with: { message: "no" } }
            """);

        var committed = Assert.Single(_telemetry.Of(TelemetryNames.StepsCommitted, "metered-failure"));
        Assert.Equal(("fail", "failed"), ((string)committed.Tags[TelemetryNames.StepKind]!, (string)committed.Tags[TelemetryNames.StepStatus]!));
        Assert.Single(_telemetry.Of(TelemetryNames.StepDuration, "metered-failure"), d => (string?)d.Tags[TelemetryNames.StepStatus] == "failed");
    }

    [Fact]
    public async Task Gate_outputs_count_decisions_by_outcome_and_set_the_frontier_gauge()
    {
        // 'set' writes its values as its output: the shape a gate's output has (passed, pValue, outcome, frontier, champion).
        var run = await _engine.RunAsync("""
            id: metered-gate
            steps:
              - id: round
                loop: { times: 3 }
                do:
                  - id: gate
                    uses: set
                    with:
                      passed: "${loop.index == 1}"
                      outcome: "${loop.index == 1 ? 'passed' : 'not-better'}"
                      pValue: 0.004
                      frontier: "${loop.index == 0 ? 8 : 9}"
                      candidate: "${'addition@' + (loop.index + 4)}"
                      champion: "addition@3"
              - { id: metagate, uses: set, with: { passed: false, pValue: 0.2 } }
              - { id: audit, uses: set, with: { passed: true } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var decisions = _telemetry.Of(TelemetryNames.GateDecisions, "metered-gate")
            .GroupBy(m => (string)m.Tags[TelemetryNames.GateOutcome]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        // Without an outcome the decision is passed or refused; an output with no p-value (an audit's) is no decision.
        Assert.Equal(new Dictionary<string, double> { ["not-better"] = 2, ["passed"] = 1, ["refused"] = 1 }, decisions);

        var frontier = _telemetry.Of(TelemetryNames.Frontier, "metered-gate");
        Assert.Equal([8, 9, 9], frontier.Select(f => f.Value));
        Assert.All(frontier, f => Assert.Equal("addition", f.Tags[TelemetryNames.Model]));
    }

    [Fact]
    public async Task Training_throughput_is_recorded_from_progress_with_the_step_kind()
    {
        var run = await _engine.RunAsync("""
            id: metered-training
            steps:
              - { id: train, uses: test/train-progress, with: { tokensPerSecond: 31500, reports: 3 } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var throughput = _telemetry.Of(TelemetryNames.TrainingTokensPerSecond, "metered-training");
        Assert.Equal([31500, 31500, 31500], throughput.Select(t => t.Value));
        Assert.All(throughput, t => Assert.Equal(("test/train-progress", "train"), ((string)t.Tags[TelemetryNames.StepKind]!, (string)t.Tags[TelemetryNames.ProgressPhase]!)));
    }

    [Fact]
    public async Task With_nothing_listening_the_observer_keeps_no_run_and_records_nothing()
    {
        _telemetry.Dispose();
        var quiet = new ObservedEngine();
        using var stop = new CancellationTokenSource();
        var running = quiet.RunAsync("""
            id: unobserved
            steps:
              - { id: hold, uses: test/block }
            """, stop.Token);
        await quiet.Blocking.Started;

        Assert.Equal(0, quiet.Observer.TracedRuns);
        await stop.CancelAsync();
        await running;
        using var late = new RecordedTelemetry();
        Assert.Empty(late.Of(TelemetryNames.StepsCommitted, "unobserved"));
    }
}
