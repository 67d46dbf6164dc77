using System.Text.Json.Nodes;

namespace Orchestrator.Core.Meta;

/// <summary>
/// Reads meta/trial outputs: the rate per seed, its unit, and the paired differences of two trials on the same seeds.
/// A rate is frontier gained per TFLOP (1,000 GFLOP) of everything the run's rounds spent after round 0, when the runs
/// report their compute, or per 1,000 post-training steps when they do not (runs of workflows from before compute was
/// counted).
/// </summary>
public static class TrialRates
{
    /// <summary>Frontier gained per TFLOP (1,000 GFLOP) of the rounds' total estimated compute.</summary>
    public const string ComputeUnit = "frontier/TFLOP";

    /// <summary>Frontier gained per 1,000 post-training steps.</summary>
    public const string StepsUnit = "frontier/1k-steps";

    /// <summary>The unit of a trial's rates; a trial output without one is from before compute was counted, so in steps.</summary>
    public static string Unit(JsonObject trial) => trial["unit"] is JsonValue v && v.TryGetValue<string>(out var unit) ? unit : StepsUnit;

    /// <summary>A unit in words, for reasons and logs.</summary>
    public static string Describe(string unit) => unit == ComputeUnit ? "frontier per TFLOP" : "frontier per 1,000 steps";

    public static IReadOnlyDictionary<long, double> BySeed(JsonObject trial) => BySeed(trial, Unit(trial));

    /// <summary>
    /// The rate per seed in <paramref name="unit"/>: the trial's own rates, or, asked for steps of a trial in compute,
    /// the steps rate every result keeps beside it.
    /// </summary>
    public static IReadOnlyDictionary<long, double> BySeed(JsonObject trial, string unit)
    {
        var field = unit == Unit(trial) ? "rate" : "stepsRate";
        return (trial["results"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(r => r["seed"]!.GetValue<long>(),
            r => r[field]?.GetValue<double>() ?? throw new InvalidOperationException($"a result of the trial (seed {r["seed"]}) has no '{field}' to compare in {Describe(unit)}"));
    }

    /// <summary>
    /// Candidate minus baseline per seed, in the unit both trials share: compute when both measured it, else steps
    /// (a trial recorded before compute was counted is compared with a newer one on steps, never across units).
    /// </summary>
    /// <exception cref="InvalidOperationException">The two trials did not run the same seeds.</exception>
    public static (IReadOnlyList<double> Differences, string Unit) PairedDifferences(JsonObject baseline, JsonObject candidate)
    {
        var unit = Unit(baseline) == Unit(candidate) ? Unit(baseline) : StepsUnit;
        return (PairedDifferences(BySeed(baseline, unit), BySeed(candidate, unit)), unit);
    }

    /// <exception cref="InvalidOperationException">The two trials did not run the same seeds.</exception>
    public static IReadOnlyList<double> PairedDifferences(IReadOnlyDictionary<long, double> baseline, IReadOnlyDictionary<long, double> candidate)
    {
        if (baseline.Count == 0 || !baseline.Keys.Order().SequenceEqual(candidate.Keys.Order()))
            throw new InvalidOperationException($"the trials ran different seeds ({string.Join(",", baseline.Keys.Order())} vs {string.Join(",", candidate.Keys.Order())}); a paired comparison needs the same ones");
        return baseline.Keys.Order().Select(seed => candidate[seed] - baseline[seed]).ToList();
    }
}
