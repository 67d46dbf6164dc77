using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// Reads an improvement run's journal into one point per round. It reads step records, not the run's output, so a
/// run stopped by the time budget still yields every round it finished. A round whose audit failed has no train or
/// gate record (they were skipped): it costs no steps and leaves the champion as it was. A round's compute is what its
/// steps report (<c>gflop</c>, <c>cpuSeconds</c>: proposing, training and gating), so it is there for any version of
/// the workflow, whatever its state keeps; round 0's is that of the steps before the rounds (the base and its measurement).
/// The journal of an ensemble (several bases, members inside each round) is read by <see cref="EnsembleJournal"/>.
/// </summary>
public static class ArmJournal
{
    /// <param name="arm">The arm's name, carried into every point.</param>
    /// <param name="run">The run, for its seed and start time.</param>
    /// <param name="steps">Its step records.</param>
    /// <param name="baseSeconds">Wall time of a base trained in another run and reused here, added so times include it.</param>
    public static IReadOnlyList<RoundPoint> Read(string arm, RunRecord run, IReadOnlyList<StepRecord> steps, double baseSeconds = 0)
    {
        var byKey = steps.Where(s => s.IsCommitted).ToDictionary(s => s.Key);
        if (EnsembleJournal.Recognises(byKey)) return EnsembleJournal.Read(arm, run, byKey, baseSeconds);
        var points = new List<RoundPoint>();
        if (!byKey.TryGetValue("base", out var base_) || !byKey.TryGetValue("measure", out var measure)) return points;

        long trainingSteps = base_.Output!["steps"]!.GetValue<long>();
        var champion = Accuracy(measure.Output!["candidateByLength"]);
        var frontier = measure.Output["frontier"]!.GetValue<int>();
        var roundZero = byKey.Values.Where(s => !s.Key.StartsWith("round/", StringComparison.Ordinal)).ToList();
        var (gflop, cpuSeconds) = (Sum(roundZero, "gflop"), Sum(roundZero, "cpuSeconds"));
        points.Add(new RoundPoint(arm, run.Seed, 0, frontier, measure.Output["candidateFrontier"]!.GetValue<int>(),
            true, null, 0, trainingSteps, Seconds(run, measure, baseSeconds), champion, null, gflop, cpuSeconds));

        for (var round = 0; byKey.TryGetValue($"round/{round}/advance", out var advance); round++)
        {
            var kept = byKey[$"round/{round}/judge"].Output!["keptCount"]!.GetValue<int>();
            var audit = byKey.GetValueOrDefault($"round/{round}/audit")?.Output;
            double? precision = audit is not null && audit["audited"]!.GetValue<int>() > 0 ? audit["precision"]!.GetValue<double>() : null;
            var tripped = byKey.GetValueOrDefault($"round/{round}/guard")?.Output?["tripped"]?.GetValue<bool>() == true;
            var seconds = Seconds(run, advance, baseSeconds);
            var roundSteps = byKey.Values.Where(s => s.Key.StartsWith($"round/{round}/", StringComparison.Ordinal)).ToList();
            (gflop, cpuSeconds) = (gflop + Sum(roundSteps, "gflop"), cpuSeconds + Sum(roundSteps, "cpuSeconds"));
            if (byKey[$"round/{round}/gate"].Output is not JsonObject gate)
            {
                points.Add(new RoundPoint(arm, run.Seed, round + 1, frontier, frontier, false, null, kept, trainingSteps, seconds, champion, precision, gflop, cpuSeconds));
                continue;
            }
            trainingSteps += byKey[$"round/{round}/train"].Output!["steps"]!.GetValue<long>();
            // A promotion the avalanche guard rolled back leaves the champion, and its frontier, as before the round.
            var promoted = gate["passed"]!.GetValue<bool>() && !tripped;
            if (!tripped) frontier = gate["frontier"]!.GetValue<int>();
            // A gate that knew the champion's frontier scored it on the targets only: keep its earlier figures for the rest.
            champion = promoted ? Accuracy(gate["candidateByLength"]) : Overlay(champion, Accuracy(gate["championByLength"]));
            points.Add(new RoundPoint(arm, run.Seed, round + 1, frontier, gate["candidateFrontier"]!.GetValue<int>(), promoted,
                gate["pValue"]!.GetValue<double>(), kept, trainingSteps, seconds, champion, precision, gflop, cpuSeconds));
        }
        return points;
    }

    /// <summary>The sum of a numeric output field over steps; a step without it (one that spends no model compute) adds 0.</summary>
    internal static double Sum(IEnumerable<StepRecord> steps, string field) =>
        Math.Round(steps.Sum(s => Core.Json.JsonTypes.TryGetNumber((s.Output as JsonObject)?[field], out var x) ? x : 0), 3);

    internal static double Seconds(RunRecord run, StepRecord step, double baseSeconds) =>
        Math.Round(((step.EndedAt ?? run.UpdatedAt) - run.CreatedAt).TotalSeconds + baseSeconds, 1);

    internal static IReadOnlyDictionary<int, double> Overlay(IReadOnlyDictionary<int, double> earlier, IReadOnlyDictionary<int, double> measured)
    {
        var merged = earlier.ToDictionary();
        foreach (var (length, accuracy) in measured) merged[length] = accuracy;
        return merged;
    }

    internal static IReadOnlyDictionary<int, double> Accuracy(JsonNode? byLength) =>
        byLength is JsonObject lengths ? lengths.ToDictionary(p => int.Parse(p.Key), p => p.Value!.GetValue<double>()) : new Dictionary<int, double>();
}
