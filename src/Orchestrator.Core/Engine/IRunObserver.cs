namespace Orchestrator.Core.Engine;

/// <summary>Progress of a run as it happens: for progress lines, logs and dashboards. Replayed steps are not reported.</summary>
public interface IRunObserver
{
    void RunStarted(RunRecord run, bool resumed) { }
    void StepStarted(string runId, string stepKey, string kind, int attempt) { }
    void StepFinished(string runId, StepRecord step, TimeSpan elapsed) { }
    void StepRetrying(string runId, string stepKey, int attempt, TimeSpan delay, string reason) { }
    void Log(string runId, string stepKey, string message) { }
    void Progress(string runId, string stepKey, Activities.StepProgress progress) { }
    void RunFinished(RunRecord run) { }
}

/// <summary>Reports nothing.</summary>
public sealed class NullRunObserver : IRunObserver
{
    public static NullRunObserver Instance { get; } = new();
}
