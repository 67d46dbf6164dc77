using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;

namespace Orchestrator.Server.Runs;

/// <summary>
/// The learning curve of an improvement run: one point per row of its <c>rounds</c> table (the run's output once it has
/// finished, its state while it runs), with the wall time at which the step that wrote the row committed. A run
/// without such a table has no points.
/// </summary>
public static class RunCurve
{
    public static JsonObject Of(RunRecord run, IReadOnlyList<StepRecord> steps)
    {
        var rows = Rounds(run.Output) ?? Rounds(run.State) ?? [];
        var committedAt = RowCommitTimes(steps, rows.Count);
        var points = new JsonArray();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not JsonObject row) continue;
            var point = new JsonObject
            {
                ["round"] = row["round"]?.DeepClone() ?? i,
                ["frontier"] = row["frontier"]?.DeepClone(),
                ["trainingSteps"] = row["trainingSteps"]?.DeepClone(),
                ["wallSeconds"] = committedAt[i] is { } at ? Math.Round((at - run.CreatedAt).TotalSeconds, 1) : null,
                ["gate"] = row["gate"]?.DeepClone(),
                ["promoted"] = row["promoted"]?.DeepClone(),
                ["pValue"] = row["pValue"]?.DeepClone(),
                ["model"] = row["model"]?.DeepClone(),
                ["lengths"] = row["lengths"]?.DeepClone(),
                ["kept"] = row["kept"]?.DeepClone(),
            };
            points.Add(point);
        }
        return new JsonObject { ["points"] = points, ["alpha"] = Alpha(steps) };
    }

    public static bool HasRounds(RunRecord run) => (Rounds(run.Output) ?? Rounds(run.State)) is { Count: > 0 };

    private static JsonArray? Rounds(JsonNode? node) => node is JsonObject o && o["rounds"] is JsonArray rows ? rows : null;

    /// <summary>For row i, when the first step whose state changes (or output) held at least i + 1 rows committed.</summary>
    private static DateTimeOffset?[] RowCommitTimes(IReadOnlyList<StepRecord> steps, int rows)
    {
        var times = new DateTimeOffset?[rows];
        var known = 0;
        foreach (var step in steps.Where(s => s.IsCommitted).OrderBy(s => s.Sequence))
        {
            var count = (Rounds(step.StateChanges) ?? Rounds(step.Output))?.Count ?? 0;
            for (; known < Math.Min(count, rows); known++) times[known] = step.EndedAt;
        }
        return times;
    }

    /// <summary>The alpha the last gate decision was taken at (gate activities report it), for the chart's threshold.</summary>
    private static JsonNode? Alpha(IReadOnlyList<StepRecord> steps) =>
        steps.LastOrDefault(s => s.IsCommitted && s.Kind.StartsWith("gate/", StringComparison.Ordinal) && s.Output?["alpha"] is not null)?.Output!["alpha"]!.DeepClone();
}
