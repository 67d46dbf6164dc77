using Microsoft.Extensions.Logging;

namespace Orchestrator.Core.Telemetry;

/// <summary>
/// The run's log records. Every one carries the run id and, where there is one, the step key as named values
/// (not only in the text), so a log backend can select one run's records and join them to its spans.
/// </summary>
internal static class RunLog
{
    private static readonly Action<ILogger, string, string, int, bool, Exception?> Started = LoggerMessage.Define<string, string, int, bool>(
        LogLevel.Information, new EventId(1, "RunStarted"),
        "run {" + TelemetryNames.RunId + "}: {" + TelemetryNames.Workflow + "}@{" + TelemetryNames.WorkflowVersion + "} started (resumed: {" + TelemetryNames.RunResumed + "})");

    private static readonly Action<ILogger, string, string, string, Exception?> StepMessage = LoggerMessage.Define<string, string, string>(
        LogLevel.Information, new EventId(2, "StepLog"),
        "run {" + TelemetryNames.RunId + "} step {" + TelemetryNames.StepKey + "}: {message}");

    private static readonly Action<ILogger, string, string, int, double, string, Exception?> Retrying = LoggerMessage.Define<string, string, int, double, string>(
        LogLevel.Warning, new EventId(3, "StepRetrying"),
        "run {" + TelemetryNames.RunId + "} step {" + TelemetryNames.StepKey + "}: attempt {" + TelemetryNames.AttemptNumber + "} in {" + TelemetryNames.RetryDelay + "} ms after {reason}");

    private static readonly Action<ILogger, string, string, int, string, string, Exception?> Failed = LoggerMessage.Define<string, string, int, string, string>(
        LogLevel.Error, new EventId(4, "StepFailed"),
        "run {" + TelemetryNames.RunId + "} step {" + TelemetryNames.StepKey + "} failed on attempt {" + TelemetryNames.AttemptNumber + "}: [{" + TelemetryNames.ErrorType + "}] {message}");

    private static readonly Action<ILogger, string, string, int, string, Exception?> Finished = LoggerMessage.Define<string, string, int, string>(
        LogLevel.Information, new EventId(5, "RunFinished"),
        "run {" + TelemetryNames.RunId + "}: {" + TelemetryNames.Workflow + "}@{" + TelemetryNames.WorkflowVersion + "} finished {" + TelemetryNames.RunStatus + "}");

    public static void RunStarted(ILogger logger, string runId, string workflow, int version, bool resumed) => Started(logger, runId, workflow, version, resumed, null);
    public static void Message(ILogger logger, string runId, string stepKey, string message) => StepMessage(logger, runId, stepKey, message, null);
    public static void StepRetrying(ILogger logger, string runId, string stepKey, int attempt, TimeSpan delay, string reason) => Retrying(logger, runId, stepKey, attempt, delay.TotalMilliseconds, reason, null);
    public static void StepFailed(ILogger logger, string runId, string stepKey, int attempt, string type, string message) => Failed(logger, runId, stepKey, attempt, type, message, null);
    public static void RunFinished(ILogger logger, string runId, string workflow, int version, string status) => Finished(logger, runId, workflow, version, status, null);
}
