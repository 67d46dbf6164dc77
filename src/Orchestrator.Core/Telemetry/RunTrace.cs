using System.Diagnostics;
using Orchestrator.Core.Engine;

namespace Orchestrator.Core.Telemetry;

/// <summary>
/// The spans of one run while it executes: the run span, a span per step beneath it and a span per attempt beneath
/// its step. The engine reports from parallel branches at once, so every change to the steps happens under one lock.
/// </summary>
internal sealed class RunTrace
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StepTrace> _steps = new(StringComparer.Ordinal);

    public RunTrace(RunRecord run, bool resumed)
    {
        WorkflowId = run.WorkflowId;
        WorkflowVersion = run.WorkflowVersion;
        // The run span takes whatever span is current as its parent (a request that started the run, say) and stays
        // current for the engine's own flow, so spans of the store or of HTTP calls made while it runs nest under it.
        Span = OrchestratorInstruments.Source.StartActivity(TelemetryNames.RunSpan(run.WorkflowId), ActivityKind.Internal, parentContext: default, tags:
        [
            new(TelemetryNames.RunId, run.Id),
            new(TelemetryNames.Workflow, run.WorkflowId),
            new(TelemetryNames.WorkflowVersion, run.WorkflowVersion),
            new(TelemetryNames.RunResumed, resumed),
        ]);
    }

    public string WorkflowId { get; }
    public int WorkflowVersion { get; }
    public Activity? Span { get; }

    public string? KindOf(string stepKey)
    {
        lock (_lock) return _steps.TryGetValue(stepKey, out var step) ? step.Kind : null;
    }

    /// <summary>
    /// Opens the attempt's span, and the step's span on its first attempt in this process. The attempt span is left
    /// current on purpose: the engine reports an attempt from the flow that goes on to dispatch it, so the spans the
    /// activity itself starts (HTTP calls, a chat model) and the logs it writes belong to this attempt.
    /// </summary>
    public void AttemptStarted(string runId, string stepKey, string kind, int attempt)
    {
        lock (_lock)
        {
            if (!_steps.TryGetValue(stepKey, out var step))
                _steps[stepKey] = step = new StepTrace(kind, StartStepSpan(runId, stepKey, kind, DateTimeOffset.UtcNow), Stopwatch.GetTimestamp());
            // An attempt the engine never finished (a lost dispatch redelivered) gives way to the new one.
            EndAttempt(step, ActivityStatusCode.Unset, null);
            if (step.Span is not { } parent) return;
            step.Attempt = OrchestratorInstruments.Source.StartActivity(TelemetryNames.AttemptSpan(IdOf(stepKey)), ActivityKind.Internal, parent.Context, tags:
            [
                new(TelemetryNames.RunId, runId),
                new(TelemetryNames.StepKey, stepKey),
                new(TelemetryNames.AttemptNumber, attempt),
            ]);
        }
    }

    /// <summary>The attempt failed and another follows: its span ends in error, with the reason.</summary>
    public void AttemptRetrying(string stepKey, int nextAttempt, TimeSpan delay, string reason)
    {
        lock (_lock)
        {
            if (!_steps.TryGetValue(stepKey, out var step)) return;
            step.Attempt?.SetTag(TelemetryNames.RetryDelay, delay.TotalMilliseconds);
            step.Span?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
            {
                [TelemetryNames.AttemptNumber] = nextAttempt,
                [TelemetryNames.RetryDelay] = delay.TotalMilliseconds,
            }));
            EndAttempt(step, ActivityStatusCode.Error, reason);
        }
    }

    /// <summary>
    /// Ends the step's spans with its journalled outcome and returns how long it took, from its first attempt here
    /// (the engine gives no time for a failed step) or as the engine measured it.
    /// </summary>
    public TimeSpan StepFinished(string runId, StepRecord record, TimeSpan elapsed, GateReading? gate)
    {
        StepTrace? step;
        lock (_lock)
        {
            if (_steps.Remove(record.Key, out step) && elapsed == TimeSpan.Zero && record.Status == StepStatus.Failed)
                elapsed = Stopwatch.GetElapsedTime(step.StartedAt);
        }
        // Loops, parallels, calls and skipped steps have no attempts, so their span is made now, backdated to their start.
        var span = step is not null ? step.Span : StartStepSpan(runId, record.Key, record.Kind, DateTimeOffset.UtcNow - elapsed);
        var (status, description) = record.Status == StepStatus.Failed ? (ActivityStatusCode.Error, record.Error?.Message) : (ActivityStatusCode.Ok, null);
        if (step is not null) EndAttempt(step, status, description);
        if (span is null) return elapsed;

        span.SetTag(TelemetryNames.StepStatus, RunDocuments.Name(record.Status));
        span.SetTag(TelemetryNames.StepAttempts, record.Attempts);
        if (record.Error is { } error) span.SetTag(TelemetryNames.ErrorType, error.Type);
        if (gate is not null)
        {
            span.SetTag(TelemetryNames.GateOutcome, gate.Outcome);
            span.SetTag(TelemetryNames.GatePValue, gate.PValue);
            if (gate.Frontier is { } frontier) span.SetTag(TelemetryNames.Frontier, frontier);
        }
        span.SetStatus(status, description);
        span.Stop();
        return elapsed;
    }

    /// <summary>Ends the run span with the run's status, and any step span a cancellation left open.</summary>
    public void Finish(RunRecord run)
    {
        List<StepTrace> open;
        lock (_lock)
        {
            open = [.. _steps.Values];
            _steps.Clear();
        }
        var status = RunDocuments.Name(run.Status);
        foreach (var step in open)
        {
            EndAttempt(step, ActivityStatusCode.Unset, null);
            step.Span?.SetTag(TelemetryNames.StepStatus, "interrupted");
            step.Span?.Stop();
        }
        if (Span is null) return;
        Span.SetTag(TelemetryNames.RunStatus, status);
        if (run.Error is { } error)
        {
            Span.SetTag(TelemetryNames.ErrorType, error.Type);
            Span.SetStatus(ActivityStatusCode.Error, error.ToString());
        }
        else if (run.Status == RunStatus.Succeeded)
            Span.SetStatus(ActivityStatusCode.Ok);
        Span.Stop();
    }

    /// <summary>A step span, child of the run span, that does not become the current span: only attempts do.</summary>
    private Activity? StartStepSpan(string runId, string stepKey, string kind, DateTimeOffset startTime)
    {
        if (Span is null) return null;
        var current = Activity.Current;
        var span = OrchestratorInstruments.Source.StartActivity(ActivityKind.Internal, Span.Context, tags:
        [
            new(TelemetryNames.RunId, runId),
            new(TelemetryNames.StepKey, stepKey),
            new(TelemetryNames.StepId, IdOf(stepKey)),
            new(TelemetryNames.StepKind, kind),
        ], startTime: startTime, name: TelemetryNames.StepSpan(IdOf(stepKey)));
        Activity.Current = current;
        return span;
    }

    private static void EndAttempt(StepTrace step, ActivityStatusCode status, string? description)
    {
        if (step.Attempt is not { } attempt) return;
        attempt.SetStatus(status, description);
        attempt.Stop();
        step.Attempt = null;
    }

    // A key is the step's place in the run (rounds/2/sum); its last segment is the step's id in the definition.
    private static string IdOf(string stepKey) => stepKey[(stepKey.LastIndexOf('/') + 1)..];
}
