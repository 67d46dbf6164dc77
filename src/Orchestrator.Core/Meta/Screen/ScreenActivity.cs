using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Meta.Screen;

/// <summary>
/// <c>meta/screen</c>: compares each draft's trial with its parent's on the same seeds (paired by seed) and picks the
/// draft with the largest mean gain, if it reaches <c>minEffect</c>. Screening spends no alpha: it only chooses what
/// to confirm on fresh seeds. Every draft's gain is also the reward its editor arm learns from.
/// </summary>
public sealed class ScreenActivity()
    : Activity<ScreenOptions, ScreenOutput>("meta/screen", "Pairs each draft's trial with the parent's by seed and picks the best draft worth confirming.", new ScreenOptionsValidator())
{
    protected override ValueTask<ActivityOutcome> ExecuteAsync(ScreenOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var baseline = TrialRates.BySeed(options.Baseline);
        var gains = new JsonArray();
        var outcomes = new JsonArray();
        JsonObject? best = null;
        foreach (var trial in options.Trials.OfType<JsonObject>())
        {
            var version = trial["version"]!.GetValue<int>();
            var arm = options.Drafts.OfType<JsonObject>().FirstOrDefault(d => d["version"]!.GetValue<int>() == version)?["arm"]?.GetValue<string>() ?? "?";
            IReadOnlyList<double> differences;
            try
            {
                differences = TrialRates.PairedDifferences(baseline, TrialRates.BySeed(trial));
            }
            catch (InvalidOperationException e)
            {
                return ValueTask.FromResult(Failed("unpaired-trials", $"draft {version}: {e.Message}"));
            }
            var gain = Math.Round(differences.Average(), 6);
            var entry = new JsonObject { ["version"] = version, ["arm"] = arm, ["gain"] = gain };
            gains.Add(entry);
            outcomes.Add(new JsonObject { ["arm"] = arm, ["reward"] = gain });
            if (gain >= options.MinEffect && (best is null || gain > best["gain"]!.GetValue<double>())) best = (JsonObject)entry.DeepClone();
            context.Log($"draft {version} ({arm}): mean gain {gain:+0.###;-0.###;0} frontier per 1,000 steps");
        }
        return ValueTask.FromResult(Done(new ScreenOutput { Best = best, Gains = gains, Outcomes = outcomes }));
    }
}
