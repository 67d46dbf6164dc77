using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// Stops an improvement run at the end of the first round whose champion masters <paramref name="goal"/> lengths:
/// the meta benchmark needs the compute to reach the baseline's final frontier, and rounds after that would only
/// spend minutes on a number it does not use. It cancels once the round's last step (<c>advance</c>) is journalled,
/// so the round counts in full; everything else is passed to <paramref name="inner"/>.
/// </summary>
public sealed class FrontierGoalObserver(IRunObserver inner, int goal, CancellationTokenSource stop) : IRunObserver
{
    private int? _roundFrontier;

    public bool Reached { get; private set; }

    public void StepFinished(string runId, StepRecord step, TimeSpan elapsed)
    {
        inner.StepFinished(runId, step, elapsed);
        if (IsRoundStep(step.Key, "gate"))
            _roundFrontier = step.Output is JsonObject gate && gate["frontier"] is JsonValue frontier ? frontier.GetValue<int>() : null;
        else if (IsRoundStep(step.Key, "advance") && _roundFrontier >= goal && !Reached)
        {
            Reached = true;
            inner.Log(runId, step.Key, $"frontier {_roundFrontier} reaches the goal of {goal}: stopping here");
            stop.Cancel();
        }
    }

    public void RunStarted(RunRecord run, bool resumed) => inner.RunStarted(run, resumed);
    public void StepStarted(string runId, string stepKey, string kind, int attempt) => inner.StepStarted(runId, stepKey, kind, attempt);
    public void StepRetrying(string runId, string stepKey, int attempt, TimeSpan delay, string reason) => inner.StepRetrying(runId, stepKey, attempt, delay, reason);
    public void Log(string runId, string stepKey, string message) => inner.Log(runId, stepKey, message);
    public void Progress(string runId, string stepKey, StepProgress progress) => inner.Progress(runId, stepKey, progress);
    public void RunFinished(RunRecord run) => inner.RunFinished(run);

    // Keys of a round's steps: round/N/NAME (the loop's own record is round/N).
    private static bool IsRoundStep(string key, string name) =>
        key.StartsWith("round/", StringComparison.Ordinal) && key.EndsWith("/" + name, StringComparison.Ordinal) && key.Count(c => c == '/') == 2;
}
