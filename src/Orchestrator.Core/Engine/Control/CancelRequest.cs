namespace Orchestrator.Core.Engine.Control;

/// <summary>
/// Somebody's request that a run stop: who asked (a key's name, <c>cli:alice</c>), why, and when. The engine executing
/// the run finds it by polling the store and cancels the run as a Ctrl+C would, recording the request as its error.
/// </summary>
public sealed record CancelRequest(string RunId, string By, string Reason, DateTimeOffset At)
{
    /// <summary>The <see cref="StepError.Type"/> of a run cancelled on request, so a repeated job delivery can tell it from a worker's shutdown.</summary>
    public const string ErrorType = "cancel-requested";

    /// <summary>The run's error once the request has stopped it, at the step it interrupted (the workflow's root when none had started).</summary>
    public StepError ToError(string stepKey, string pointer, int attempt) =>
        new(ErrorType, $"cancelled at the request of {By} (asked {At:yyyy-MM-dd HH:mm:ss} UTC){(Reason.Length > 0 ? ": " + Reason : "")}", stepKey, pointer, attempt);
}
