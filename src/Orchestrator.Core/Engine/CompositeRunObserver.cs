using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Engine;

/// <summary>Hands every report to several observers, in the order given (progress lines on the console and progress in the store, say).</summary>
public sealed class CompositeRunObserver(params IRunObserver[] observers) : IRunObserver
{
    private readonly IRunObserver[] _observers = [.. observers];

    public void RunStarted(RunRecord run, bool resumed) => Each(o => o.RunStarted(run, resumed));

    public void StepStarted(string runId, string stepKey, string kind, int attempt) => Each(o => o.StepStarted(runId, stepKey, kind, attempt));

    public void StepFinished(string runId, StepRecord step, TimeSpan elapsed) => Each(o => o.StepFinished(runId, step, elapsed));

    public void StepRetrying(string runId, string stepKey, int attempt, TimeSpan delay, string reason) => Each(o => o.StepRetrying(runId, stepKey, attempt, delay, reason));

    public void Log(string runId, string stepKey, string message) => Each(o => o.Log(runId, stepKey, message));

    public void Progress(string runId, string stepKey, StepProgress progress) => Each(o => o.Progress(runId, stepKey, progress));

    public void RunFinished(RunRecord run) => Each(o => o.RunFinished(run));

    private void Each(Action<IRunObserver> report)
    {
        foreach (var observer in _observers) report(observer);
    }
}
