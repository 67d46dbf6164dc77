using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// Reads the journal of an ensemble run (self-improve-addition-ensemble: round 0 under <c>bases/M/</c>, each round's
/// members under <c>round/N/member/M/</c>) into one point per round, as <see cref="ArmJournal"/> does for one model.
/// Each member's champion is followed on its own; the ensemble's point is the weakest member's, as the workflow
/// defines it: frontier and accuracy per length are the lowest over members, training steps and compute are every
/// member's. A round is promoted when any member was (and the guard did not take it back); its p-value is the
/// smallest of the members' gates.
/// </summary>
public static class EnsembleJournal
{
    /// <summary>Whether <paramref name="byKey"/> is the journal of an ensemble run.</summary>
    public static bool Recognises(IReadOnlyDictionary<string, StepRecord> byKey) => byKey.ContainsKey("bases/0/base");

    public static IReadOnlyList<RoundPoint> Read(string arm, RunRecord run, IReadOnlyDictionary<string, StepRecord> byKey, double baseSeconds)
    {
        var points = new List<RoundPoint>();
        var members = new List<Member>();
        long trainingSteps = 0;
        StepRecord? lastMeasure = null;
        for (var m = 0; byKey.TryGetValue($"bases/{m}/base", out var base_) && byKey.TryGetValue($"bases/{m}/measure", out var measure); m++)
        {
            trainingSteps += base_.Output!["steps"]!.GetValue<long>();
            members.Add(new Member(measure.Output!["frontier"]!.GetValue<int>(), ArmJournal.Accuracy(measure.Output["candidateByLength"])));
            lastMeasure = measure;
        }
        if (lastMeasure is null) return points;

        var roundZero = byKey.Values.Where(s => !s.Key.StartsWith("round/", StringComparison.Ordinal)).ToList();
        var (gflop, cpuSeconds) = (ArmJournal.Sum(roundZero, "gflop"), ArmJournal.Sum(roundZero, "cpuSeconds"));
        points.Add(new RoundPoint(arm, run.Seed, 0, members.Min(x => x.Frontier), members.Min(x => x.Frontier), true, null, 0, trainingSteps,
            ArmJournal.Seconds(run, lastMeasure, baseSeconds), Weakest(members), null, gflop, cpuSeconds));

        for (var round = 0; byKey.TryGetValue($"round/{round}/advance", out var advance); round++)
        {
            var kept = byKey[$"round/{round}/judge"].Output!["keptCount"]!.GetValue<int>();
            var audit = byKey.GetValueOrDefault($"round/{round}/audit")?.Output;
            double? precision = audit is not null && audit["audited"]!.GetValue<int>() > 0 ? audit["precision"]!.GetValue<double>() : null;
            var roundSteps = byKey.Values.Where(s => s.Key.StartsWith($"round/{round}/", StringComparison.Ordinal)).ToList();
            (gflop, cpuSeconds) = (gflop + ArmJournal.Sum(roundSteps, "gflop"), cpuSeconds + ArmJournal.Sum(roundSteps, "cpuSeconds"));
            var (promoted, candidateFrontier) = (false, int.MaxValue);
            double? pValue = null;
            for (var m = 0; m < members.Count; m++)
            {
                var prefix = $"round/{round}/member/{m}/";
                if (byKey.GetValueOrDefault(prefix + "gate")?.Output is not JsonObject gate)
                {
                    candidateFrontier = Math.Min(candidateFrontier, members[m].Frontier);
                    continue;
                }
                trainingSteps += byKey[prefix + "train"].Output!["steps"]!.GetValue<long>();
                var tripped = byKey.GetValueOrDefault(prefix + "guard")?.Output?["tripped"]?.GetValue<bool>() == true;
                var passed = gate["passed"]!.GetValue<bool>() && !tripped;
                promoted |= passed;
                pValue = Math.Min(pValue ?? 1, gate["pValue"]!.GetValue<double>());
                candidateFrontier = Math.Min(candidateFrontier, gate["candidateFrontier"]!.GetValue<int>());
                // As for one model: a rolled-back promotion leaves the member as it was; a refused candidate's gate re-measured the champion.
                members[m] = new Member(tripped ? members[m].Frontier : gate["frontier"]!.GetValue<int>(),
                    passed ? ArmJournal.Accuracy(gate["candidateByLength"]) : ArmJournal.Overlay(members[m].Accuracy, ArmJournal.Accuracy(gate["championByLength"])));
            }
            points.Add(new RoundPoint(arm, run.Seed, round + 1, members.Min(x => x.Frontier), candidateFrontier, promoted, pValue, kept, trainingSteps,
                ArmJournal.Seconds(run, advance, baseSeconds), Weakest(members), precision, gflop, cpuSeconds));
        }
        return points;
    }

    /// <summary>Per length, the lowest accuracy of the members scored at it.</summary>
    private static IReadOnlyDictionary<int, double> Weakest(IReadOnlyList<Member> members) =>
        members.SelectMany(m => m.Accuracy).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Min(p => p.Value));

    private sealed record Member(int Frontier, IReadOnlyDictionary<int, double> Accuracy);
}
