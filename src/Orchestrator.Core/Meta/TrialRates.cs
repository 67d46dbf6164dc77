using System.Text.Json.Nodes;

namespace Orchestrator.Core.Meta;

/// <summary>Reads meta/trial outputs: the rate per seed, and the paired differences of two trials on the same seeds.</summary>
public static class TrialRates
{
    public static IReadOnlyDictionary<long, double> BySeed(JsonObject trial) =>
        (trial["results"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(r => r["seed"]!.GetValue<long>(), r => r["rate"]!.GetValue<double>());

    /// <exception cref="InvalidOperationException">The two trials did not run the same seeds.</exception>
    public static IReadOnlyList<double> PairedDifferences(IReadOnlyDictionary<long, double> baseline, IReadOnlyDictionary<long, double> candidate)
    {
        if (baseline.Count == 0 || !baseline.Keys.Order().SequenceEqual(candidate.Keys.Order()))
            throw new InvalidOperationException($"the trials ran different seeds ({string.Join(",", baseline.Keys.Order())} vs {string.Join(",", candidate.Keys.Order())}); a paired comparison needs the same ones");
        return baseline.Keys.Order().Select(seed => candidate[seed] - baseline[seed]).ToList();
    }
}
