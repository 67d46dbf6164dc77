using System.Diagnostics;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Telemetry;

namespace Orchestrator.Core.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryRunObserverSpanTests : IDisposable
{
    private readonly RecordedTelemetry _telemetry = new();
    private readonly ObservedEngine _engine = new();

    public void Dispose() => _telemetry.Dispose();

    [Fact]
    public async Task A_run_is_one_trace_of_run_then_step_then_attempt_spans_with_their_tags()
    {
        var run = await _engine.RunAsync("""
            id: traced
            version: 3
            steps:
              - { id: hello, uses: log, with: { message: hi } }
              - id: rounds
                loop: { times: 2 }
                do:
                  - { id: add, uses: set, with: { n: "${loop.index}" } }
              - { id: never, if: "${false}", uses: log, with: { message: skipped } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var trace = _telemetry.TraceOf(run.Id);
        var root = Assert.Single(trace, s => s.Parent is null && s.ParentSpanId == default);
        Assert.Equal("run traced", root.DisplayName);
        Assert.Equal(run.Id, root.GetTagItem(TelemetryNames.RunId));
        Assert.Equal("traced", root.GetTagItem(TelemetryNames.Workflow));
        Assert.Equal(3, root.GetTagItem(TelemetryNames.WorkflowVersion));
        Assert.Equal("succeeded", root.GetTagItem(TelemetryNames.RunStatus));
        Assert.Equal(ActivityStatusCode.Ok, root.Status);

        var steps = trace.Where(s => s.ParentSpanId == root.SpanId).ToList();
        Assert.Equal(["hello", "never", "rounds", "rounds/0/add", "rounds/1/add"], steps.Select(s => (string)s.GetTagItem(TelemetryNames.StepKey)!).Order());
        Assert.All(steps, s => Assert.Equal(run.Id, s.GetTagItem(TelemetryNames.RunId)));
        var hello = steps.Single(s => (string?)s.GetTagItem(TelemetryNames.StepKey) == "hello");
        Assert.Equal("step hello", hello.DisplayName);
        Assert.Equal("log", hello.GetTagItem(TelemetryNames.StepKind));
        Assert.Equal("succeeded", hello.GetTagItem(TelemetryNames.StepStatus));
        Assert.Equal("loop", steps.Single(s => (string?)s.GetTagItem(TelemetryNames.StepKey) == "rounds").GetTagItem(TelemetryNames.StepKind));
        Assert.Equal("skipped", steps.Single(s => (string?)s.GetTagItem(TelemetryNames.StepKey) == "never").GetTagItem(TelemetryNames.StepStatus));

        var attempt = Assert.Single(trace, s => s.ParentSpanId == hello.SpanId);
        Assert.Equal("attempt hello", attempt.DisplayName);
        Assert.Equal(1, attempt.GetTagItem(TelemetryNames.AttemptNumber));
        Assert.Equal("hello", attempt.GetTagItem(TelemetryNames.StepKey));
        Assert.Equal(ActivityStatusCode.Ok, attempt.Status);
        // Only activity steps have attempts: the loop, the skipped step and the spans of other steps have none.
        Assert.Equal(1 + steps.Count + 3, trace.Count);
        Assert.Equal(0, _engine.Observer.TracedRuns);
    }

    [Fact]
    public async Task A_retried_attempt_ends_in_error_with_the_reason_and_the_next_attempt_is_its_sibling()
    {
        var run = await _engine.RunAsync("""
            id: traced-retry
            steps:
              - { id: flaky, uses: test/failing, with: { failTimes: 2 }, retry: { attempts: 3, delay: 1ms, backoff: constant } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var trace = _telemetry.TraceOf(run.Id);
        var step = Assert.Single(trace, s => s.DisplayName == "step flaky");
        Assert.Equal(3, step.GetTagItem(TelemetryNames.StepAttempts));
        Assert.Equal(2, step.Events.Count(e => e.Name == "retry"));
        var attempts = trace.Where(s => s.ParentSpanId == step.SpanId).OrderBy(s => (int)s.GetTagItem(TelemetryNames.AttemptNumber)!).ToList();
        Assert.Equal([1, 2, 3], attempts.Select(a => (int)a.GetTagItem(TelemetryNames.AttemptNumber)!));
        Assert.Equal([ActivityStatusCode.Error, ActivityStatusCode.Error, ActivityStatusCode.Ok], attempts.Select(a => a.Status));
        Assert.Equal("attempt 1 fails on purpose", attempts[0].StatusDescription);
        Assert.Equal("attempt 2 fails on purpose", attempts[1].StatusDescription);
        Assert.Equal(ActivityStatusCode.Ok, step.Status);
    }

    [Fact]
    public async Task A_failed_step_fails_its_spans_and_the_run_span_with_the_error_type()
    {
        var run = await _engine.RunAsync("""
            id: traced-failure
            steps:
              - { id: stop, uses: fail, with: { message: "budget exceeded", type: budget-exceeded } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        var trace = _telemetry.TraceOf(run.Id);
        var root = trace.Single(s => s.DisplayName == "run traced-failure");
        var step = trace.Single(s => s.DisplayName == "step stop");
        var attempt = trace.Single(s => s.DisplayName == "attempt stop");
        Assert.Equal("failed", root.GetTagItem(TelemetryNames.RunStatus));
        Assert.Equal("budget-exceeded", root.GetTagItem(TelemetryNames.ErrorType));
        Assert.Equal(ActivityStatusCode.Error, root.Status);
        Assert.Contains("budget exceeded", root.StatusDescription);
        Assert.Equal((ActivityStatusCode.Error, "budget exceeded"), (step.Status, step.StatusDescription));
        Assert.Equal("budget-exceeded", step.GetTagItem(TelemetryNames.ErrorType));
        Assert.Equal(ActivityStatusCode.Error, attempt.Status);
    }

    [Fact]
    public async Task Parallel_branches_each_get_their_own_step_and_attempt_spans()
    {
        var run = await _engine.RunAsync("""
            id: traced-parallel
            steps:
              - id: fan
                parallel: { over: "${[1, 2, 3, 4, 5, 6, 7, 8]}", as: n, maxDegree: 4 }
                do:
                  - { id: square, uses: log, with: { message: "${'square ' + n * n}" } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var trace = _telemetry.TraceOf(run.Id);
        var root = trace.Single(s => s.DisplayName == "run traced-parallel");
        var squares = trace.Where(s => s.DisplayName == "step square").ToList();
        Assert.Equal(8, squares.Count);
        Assert.All(squares, s => Assert.Equal(root.SpanId, s.ParentSpanId));
        Assert.Equal(8, squares.Select(s => s.GetTagItem(TelemetryNames.StepKey)).Distinct().Count());
        Assert.All(squares, s => Assert.Single(trace, a => a.ParentSpanId == s.SpanId && a.DisplayName == "attempt square"));
    }

    [Fact]
    public async Task A_cancelled_run_ends_the_span_of_the_step_it_interrupted()
    {
        using var stop = new CancellationTokenSource();
        var running = _engine.RunAsync("""
            id: traced-cancel
            steps:
              - { id: hold, uses: test/block }
            """, stop.Token);
        await _engine.Blocking.Started;
        await stop.CancelAsync();
        var run = await running;

        Assert.Equal(RunStatus.Cancelled, run.Status);
        var trace = _telemetry.TraceOf(run.Id);
        Assert.Equal("cancelled", trace.Single(s => s.DisplayName == "run traced-cancel").GetTagItem(TelemetryNames.RunStatus));
        Assert.Equal("interrupted", trace.Single(s => s.DisplayName == "step hold").GetTagItem(TelemetryNames.StepStatus));
        Assert.Single(trace, s => s.DisplayName == "attempt hold");
        Assert.Equal(0, _engine.Observer.TracedRuns);
    }

    [Fact]
    public async Task The_attempt_span_is_current_while_the_activity_runs_and_nothing_stays_current_after_the_run()
    {
        var before = Activity.Current;
        var run = await _engine.RunAsync("""
            id: traced-current
            steps:
              - { id: hello, uses: log, with: { message: hi } }
            """);

        Assert.Same(before, Activity.Current);
        var attempt = _telemetry.TraceOf(run.Id).Single(s => s.DisplayName == "attempt hello");
        // The log record was written from inside the activity: it names the attempt as its span.
        var record = _engine.Logger.Entries.Single(e => e.EventName == "StepLog" && (string?)e.Values[TelemetryNames.RunId] == run.Id);
        Assert.Equal(attempt.SpanId.ToHexString(), record.SpanId);
    }
}
