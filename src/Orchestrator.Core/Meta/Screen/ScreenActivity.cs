using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Meta.Screen;

/// <summary>
/// <c>meta/screen</c>: compares each draft's trial with its parent's on the same seeds (paired by seed) and picks the
/// draft with the largest mean gain (in the trials' unit, see <see cref="TrialRates"/>), if it reaches <c>minEffect</c>. Screening spends no alpha: it only chooses what
/// to confirm on fresh seeds. Every draft's gain is also the reward its editor arm learns from. Evaluator drafts
/// (from meta/evaluator-gate) are matched to their trials by the evaluator version each trial ran with.
/// </summary>
public sealed class ScreenActivity()
    : Activity<ScreenOptions, ScreenOutput>("meta/screen", "Pairs each draft's trial with the parent's by seed and picks the best draft worth confirming.", new ScreenOptionsValidator())
{
    protected override ValueTask<ActivityOutcome> ExecuteAsync(ScreenOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var gains = new JsonArray();
        var outcomes = new JsonArray();
        JsonObject? best = null;
        foreach (var trial in options.Trials.OfType<JsonObject>())
        {
            var (draft, evaluator) = DraftOf(trial, options.Drafts);
            var version = draft?["version"]?.GetValue<int>() ?? trial["version"]!.GetValue<int>();
            var arm = draft?["arm"]?.GetValue<string>() ?? "?";
            IReadOnlyList<double> differences;
            string unit;
            try
            {
                (differences, unit) = TrialRates.PairedDifferences(options.Baseline, trial);
            }
            catch (InvalidOperationException e)
            {
                return ValueTask.FromResult(Failed("unpaired-trials", $"draft {version}: {e.Message}"));
            }
            var gain = Math.Round(differences.Average(), 6);
            var entry = new JsonObject { ["version"] = version, ["arm"] = arm, ["gain"] = gain, ["unit"] = unit };
            if (evaluator is not null) entry["evaluator"] = evaluator;
            gains.Add(entry);
            outcomes.Add(new JsonObject { ["arm"] = arm, ["reward"] = gain });
            if (gain >= options.MinEffect && (best is null || gain > best["gain"]!.GetValue<double>())) best = (JsonObject)entry.DeepClone();
            context.Log($"draft {evaluator ?? version.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({arm}): mean gain {gain:+0.###;-0.###;0} {TrialRates.Describe(unit)}");
        }
        return ValueTask.FromResult(Done(new ScreenOutput { Best = best, Gains = gains, Outcomes = outcomes }));
    }

    /// <summary>
    /// The draft a trial tested. A trial of an evaluator draft ran the same workflow version as every other, so it is
    /// known by the evaluator it was given (the draft's <c>evaluator</c>), and the draft's own version is the evaluator's.
    /// </summary>
    private static (JsonObject? Draft, string? Evaluator) DraftOf(JsonObject trial, JsonArray drafts)
    {
        if (trial["evaluator"] is JsonValue e && e.TryGetValue<string>(out var evaluator))
            return (drafts.OfType<JsonObject>().FirstOrDefault(d => d["evaluator"] is JsonValue de && de.TryGetValue<string>(out var text) && text == evaluator), evaluator);
        var version = trial["version"]!.GetValue<int>();
        return (drafts.OfType<JsonObject>().FirstOrDefault(d => d["version"]!.GetValue<int>() == version), null);
    }
}
