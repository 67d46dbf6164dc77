using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Engine;

/// <summary>Reports to several observers in turn (progress lines and telemetry, say), in the order given.</summary>
public sealed class CompositeRunObserver(params IRunObserver[] observers) : IRunObserver
{
    public void RunStarted(RunRecord run, bool resumed)
    {
        foreach (var observer in observers) observer.RunStarted(run, resumed);
    }

    public void StepStarted(string runId, string stepKey, string kind, int attempt)
    {
        foreach (var observer in observers) observer.StepStarted(runId, stepKey, kind, attempt);
    }

    public void StepFinished(string runId, StepRecord step, TimeSpan elapsed)
    {
        foreach (var observer in observers) observer.StepFinished(runId, step, elapsed);
    }

    public void StepRetrying(string runId, string stepKey, int attempt, TimeSpan delay, string reason)
    {
        foreach (var observer in observers) observer.StepRetrying(runId, stepKey, attempt, delay, reason);
    }

    public void Log(string runId, string stepKey, string message)
    {
        foreach (var observer in observers) observer.Log(runId, stepKey, message);
    }

    public void Progress(string runId, string stepKey, StepProgress progress)
    {
        foreach (var observer in observers) observer.Progress(runId, stepKey, progress);
    }

    public void RunFinished(RunRecord run)
    {
        foreach (var observer in observers) observer.RunFinished(run);
    }
}
