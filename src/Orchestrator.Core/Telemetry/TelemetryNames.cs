namespace Orchestrator.Core.Telemetry;

/// <summary>
/// The names exporters and dashboards match on: the one activity source and meter, the instruments and the tags.
/// They follow OpenTelemetry's conventions (dotted lower case, units in UCUM); changing one breaks someone's query.
/// </summary>
public static class TelemetryNames
{
    /// <summary>The name of both the <see cref="System.Diagnostics.ActivitySource"/> and the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Source = "Orchestrator";

    public const string StepsCommitted = "orchestrator.steps.committed";
    public const string StepDuration = "orchestrator.step.duration";
    public const string TrainingTokensPerSecond = "orchestrator.training.tokens_per_second";
    public const string Frontier = "orchestrator.frontier";
    public const string GateDecisions = "orchestrator.gate.decisions";

    public const string RunId = "orchestrator.run.id";
    public const string Workflow = "orchestrator.workflow";
    public const string WorkflowVersion = "orchestrator.workflow.version";
    public const string RunStatus = "orchestrator.run.status";
    public const string RunResumed = "orchestrator.run.resumed";
    public const string StepKey = "orchestrator.step.key";
    public const string StepId = "orchestrator.step.id";
    public const string StepKind = "orchestrator.step.kind";
    public const string StepStatus = "orchestrator.step.status";
    public const string StepAttempts = "orchestrator.step.attempts";
    public const string AttemptNumber = "orchestrator.attempt.number";
    public const string RetryDelay = "orchestrator.retry.delay_ms";
    public const string GateOutcome = "orchestrator.gate.outcome";
    public const string GatePValue = "orchestrator.gate.p_value";
    public const string Model = "orchestrator.model";
    public const string ProgressPhase = "orchestrator.progress.phase";

    /// <summary>OpenTelemetry's own attribute for the class of an error; ours are the journal's error types.</summary>
    public const string ErrorType = "error.type";

    /// <summary>The run span's name: low in cardinality (the workflow, not the run), as span names should be.</summary>
    public static string RunSpan(string workflowId) => "run " + workflowId;

    /// <summary>The step span's name: the step's id, not its key, whose loop indices would make every round a new name.</summary>
    public static string StepSpan(string stepId) => "step " + stepId;

    public static string AttemptSpan(string stepId) => "attempt " + stepId;
}
