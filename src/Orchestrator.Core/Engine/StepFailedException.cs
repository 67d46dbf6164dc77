namespace Orchestrator.Core.Engine;

/// <summary>Unwinds a run from a failed step to the top, carrying the structured error.</summary>
public sealed class StepFailedException(StepError error) : Exception(error.ToString())
{
    public StepError Error { get; } = error;
}
