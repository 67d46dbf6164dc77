using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Statistics;

namespace Orchestrator.Core.Meta.Gate;

/// <summary>
/// <c>meta/gate</c>, the meta-gate: confirms a candidate procedure on fresh seeds with the exact one-sided paired
/// permutation test on frontier gained per TFLOP of the rounds' compute (per 1,000 steps for trials without compute; see
/// <see cref="TrialRates"/>), requiring both p &lt;= alpha and a mean gain of at least
/// <c>minEffect</c>. Every decision spends its alpha from a budget kept in the run's state
/// (<c>metaAlphaSpent</c>), so many generations cannot buy a lucky pass. It is always protected from self-edits.
/// </summary>
public sealed class MetaGateActivity()
    : Activity<MetaGateOptions, MetaGateOutput>("meta/gate", "Confirms a candidate procedure on fresh seeds: exact one-sided paired permutation test, minimum effect, alpha budget.", new MetaGateOptionsValidator())
{
    public const string AlphaSpentKey = "metaAlphaSpent";

    protected override ValueTask<ActivityOutcome> ExecuteAsync(MetaGateOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<double> gains;
        string unit;
        try
        {
            (gains, unit) = TrialRates.PairedDifferences(options.Baseline, options.Candidate);
        }
        catch (InvalidOperationException e)
        {
            return ValueTask.FromResult(Failed("unpaired-trials", e.Message));
        }
        var spent = Json.JsonTypes.TryGetNumber(context.State[AlphaSpentKey], out var s) ? s : 0;
        var mean = gains.Average();
        var p = PairedPermutationTest.OneSided(gains);
        string reason;
        bool passed;
        if (spent + options.Alpha > options.AlphaBudget + 1e-12)
            (passed, reason) = (false, $"alpha budget spent: {spent:0.###} of {options.AlphaBudget:0.###} used, this decision needs {options.Alpha:0.###}");
        else
        {
            spent += options.Alpha;
            passed = p <= options.Alpha && mean >= options.MinEffect;
            reason = string.Create(CultureInfo.InvariantCulture, $"mean gain {mean:+0.###;-0.###;0} {TrialRates.Describe(unit)} over {gains.Count} seeds (minimum {options.MinEffect}), one-sided p = {p:0.####} {(p <= options.Alpha ? "<=" : ">")} {options.Alpha}");
        }
        context.Log($"meta-gate: {(passed ? "PASS" : "no")}: {reason}");
        var output = new MetaGateOutput
        {
            Passed = passed,
            PValue = Math.Round(p, 6),
            MeanGain = Math.Round(mean, 6),
            Gains = new JsonArray(gains.Select(g => (JsonNode)Math.Round(g, 6)).ToArray()),
            Unit = unit,
            Rates = new JsonObject { ["baseline"] = options.Baseline["meanRate"]?.DeepClone(), ["candidate"] = options.Candidate["meanRate"]?.DeepClone() },
            AlphaSpent = Math.Round(spent, 6),
            Reason = reason,
        };
        return ValueTask.FromResult(Done(output, new JsonObject { [AlphaSpentKey] = output.AlphaSpent }));
    }
}
