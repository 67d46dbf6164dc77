using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// Reads an improvement run's journal into one point per round. It reads step records, not the run's output, so a
/// run stopped by the time budget still yields every round it finished.
/// </summary>
public static class ArmJournal
{
    public static IReadOnlyList<RoundPoint> Read(string arm, RunRecord run, IReadOnlyList<StepRecord> steps)
    {
        var byKey = steps.Where(s => s.IsCommitted).ToDictionary(s => s.Key);
        var points = new List<RoundPoint>();
        if (!byKey.TryGetValue("base", out var base_) || !byKey.TryGetValue("measure", out var measure)) return points;

        long trainingSteps = base_.Output!["steps"]!.GetValue<long>();
        points.Add(new RoundPoint(arm, run.Seed, 0, measure.Output!["frontier"]!.GetValue<int>(), measure.Output["candidateFrontier"]!.GetValue<int>(),
            true, null, 0, trainingSteps, Seconds(run, measure), Accuracy(measure.Output["candidateByLength"])));

        for (var round = 0; byKey.TryGetValue($"round/{round}/advance", out var advance); round++)
        {
            var gate = byKey[$"round/{round}/gate"].Output!;
            trainingSteps += byKey[$"round/{round}/train"].Output!["steps"]!.GetValue<long>();
            var passed = gate["passed"]!.GetValue<bool>();
            points.Add(new RoundPoint(arm, run.Seed, round + 1, gate["frontier"]!.GetValue<int>(), gate["candidateFrontier"]!.GetValue<int>(), passed,
                gate["pValue"]!.GetValue<double>(), byKey[$"round/{round}/judge"].Output!["keptCount"]!.GetValue<int>(), trainingSteps,
                Seconds(run, advance), Accuracy(passed ? gate["candidateByLength"] : gate["championByLength"])));
        }
        return points;
    }

    private static double Seconds(RunRecord run, StepRecord step) => Math.Round(((step.EndedAt ?? run.UpdatedAt) - run.CreatedAt).TotalSeconds, 1);

    private static IReadOnlyDictionary<int, double> Accuracy(JsonNode? byLength) =>
        byLength is JsonObject lengths ? lengths.ToDictionary(p => int.Parse(p.Key), p => p.Value!.GetValue<double>()) : new Dictionary<int, double>();
}
