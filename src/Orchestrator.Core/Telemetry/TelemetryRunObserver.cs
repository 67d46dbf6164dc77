using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;

namespace Orchestrator.Core.Telemetry;

/// <summary>
/// Turns what the engine reports into OpenTelemetry-shaped signals through System.Diagnostics alone: a span per run,
/// step and attempt (<see cref="OrchestratorInstruments.Source"/>), the metrics of <see cref="OrchestratorInstruments"/>,
/// and log records carrying the run id and step key. Whoever hosts the engine decides where they go (or that nothing
/// listens); with no listener and no logger this keeps no state and records nothing.
/// </summary>
public sealed class TelemetryRunObserver(ILogger? logger = null) : IRunObserver
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly ConcurrentDictionary<string, RunTrace> _runs = new(StringComparer.Ordinal);

    /// <summary>Runs being traced now; for tests of the bookkeeping.</summary>
    internal int TracedRuns => _runs.Count;

    public void RunStarted(RunRecord run, bool resumed)
    {
        // Decided once per run: a listener that attaches in the middle of a run sees the next one.
        if (OrchestratorInstruments.AnyListener)
        {
            if (_runs.TryRemove(run.Id, out var stale)) stale.Finish(run);
            _runs[run.Id] = new RunTrace(run, resumed);
        }
        // After the run span starts, so the record joins the run's trace.
        RunLog.RunStarted(_logger, run.Id, run.WorkflowId, run.WorkflowVersion, resumed);
    }

    public void StepStarted(string runId, string stepKey, string kind, int attempt)
    {
        if (_runs.TryGetValue(runId, out var trace)) trace.AttemptStarted(runId, stepKey, kind, attempt);
    }

    public void StepRetrying(string runId, string stepKey, int attempt, TimeSpan delay, string reason)
    {
        RunLog.StepRetrying(_logger, runId, stepKey, attempt, delay, reason);
        if (_runs.TryGetValue(runId, out var trace)) trace.AttemptRetrying(stepKey, attempt, delay, reason);
    }

    public void StepFinished(string runId, StepRecord step, TimeSpan elapsed)
    {
        if (step.Error is { } error) RunLog.StepFailed(_logger, runId, step.Key, error.Attempt, error.Type, error.Message);
        if (!_runs.TryGetValue(runId, out var trace)) return;

        var gate = step.Status == StepStatus.Succeeded ? GateReading.From(step.Output) : null;
        var duration = trace.StepFinished(runId, step, elapsed, gate);
        var status = RunDocuments.Name(step.Status);
        OrchestratorInstruments.StepsCommitted.Add(1, Tag(TelemetryNames.Workflow, trace.WorkflowId), Tag(TelemetryNames.StepKind, step.Kind), Tag(TelemetryNames.StepStatus, status));
        if (step.Status != StepStatus.Skipped)
            OrchestratorInstruments.StepDuration.Record(duration.TotalSeconds, Tag(TelemetryNames.Workflow, trace.WorkflowId), Tag(TelemetryNames.StepKind, step.Kind), Tag(TelemetryNames.StepStatus, status));
        if (gate is null) return;
        OrchestratorInstruments.GateDecisions.Add(1, Tag(TelemetryNames.Workflow, trace.WorkflowId), Tag(TelemetryNames.StepKind, step.Kind), Tag(TelemetryNames.GateOutcome, gate.Outcome));
        if (gate.Frontier is { } frontier)
            OrchestratorInstruments.Frontier.Record(frontier, Tag(TelemetryNames.Workflow, trace.WorkflowId), Tag(TelemetryNames.Model, gate.Model ?? ""));
    }

    public void Log(string runId, string stepKey, string message) => RunLog.Message(_logger, runId, stepKey, message);

    public void Progress(string runId, string stepKey, StepProgress progress)
    {
        if (progress.TokensPerSecond is not { } tokensPerSecond || !OrchestratorInstruments.TrainingTokensPerSecond.Enabled) return;
        // An attempt run for another process's engine (a worker's queued step) has no run here: it is recorded without the workflow.
        var tags = new TagList { { TelemetryNames.ProgressPhase, progress.Phase } };
        if (_runs.TryGetValue(runId, out var trace))
        {
            tags.Add(TelemetryNames.Workflow, trace.WorkflowId);
            if (trace.KindOf(stepKey) is { } kind) tags.Add(TelemetryNames.StepKind, kind);
        }
        OrchestratorInstruments.TrainingTokensPerSecond.Record(tokensPerSecond, tags);
    }

    public void RunFinished(RunRecord run)
    {
        RunLog.RunFinished(_logger, run.Id, run.WorkflowId, run.WorkflowVersion, RunDocuments.Name(run.Status));
        if (_runs.TryRemove(run.Id, out var trace)) trace.Finish(run);
    }

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
