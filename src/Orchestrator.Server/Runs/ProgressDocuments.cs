using System.Text.Json.Nodes;
using Orchestrator.Core.Engine.Control;

namespace Orchestrator.Server.Runs;

/// <summary>A running step's progress as JSON: which step, how far (done of total), loss, tokens/s, time left.</summary>
public static class ProgressDocuments
{
    public static JsonObject Of(RunProgress progress) => new()
    {
        ["runId"] = progress.RunId,
        ["step"] = progress.StepKey,
        ["phase"] = progress.Progress.Phase,
        ["done"] = progress.Progress.Done,
        ["total"] = progress.Progress.Total,
        ["loss"] = Finite(progress.Progress.Loss),
        ["tokensPerSecond"] = Finite(progress.Progress.TokensPerSecond),
        ["remainingSeconds"] = progress.Progress.Remaining is { } left ? Math.Round(left.TotalSeconds, 1) : null,
        ["detail"] = progress.Progress.Detail,
        ["at"] = progress.At,
    };

    // JSON has no NaN: a diverged loss is shown as missing rather than breaking the document.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
