using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Loop.Audit;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.SelfEditing;

namespace Orchestrator.Core.Meta.EvaluatorGate;

/// <summary>
/// <c>meta/evaluator-gate</c>: the label-quality screen an evaluator draft passes before any trial. The current
/// version and every draft judge the same proposals; the labels each keeps are audited against the task's checker
/// on samples of the same size, drawn with the same seed (the audit's own code), and <see cref="EvaluatorEditGate"/>
/// decides: a draft may keep more labels only if their audited precision does not fall by more than <c>maxDrop</c>.
/// A draft that keeps no labels where the current version keeps some, or whose precision is below <c>minPrecision</c>,
/// is refused too: its trial could only train on nothing, or on labels the round's own audit would throw away.
/// A refused draft is journalled as refused, with both audits, and is not trialled: an edit that buys labels with
/// precision would feed the avalanche, and a trial of it would spend minutes to find that out.
/// </summary>
public sealed class EvaluatorGateActivity(MetaServices services)
    : Activity<EvaluatorGateOptions, EvaluatorGateOutput>("meta/evaluator-gate", "Audits the labels the current evaluator and each draft keep on the same proposals; only drafts whose audited precision does not fall go on to trial.", new EvaluatorGateOptionsValidator())
{
    /// <summary>What a refusal's journal details say made it (<c>stage</c>).</summary>
    public const string Stage = "evaluator-gate";

    protected override async ValueTask<ActivityOutcome> ExecuteAsync(EvaluatorGateOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        EvaluatorCatalog.IsStoreId(options.Target, out var id);
        if (await services.ResolveAsync(options.Target, options.Parent, cancellationToken) is not { } parent)
            return Failed("unknown-target", $"'{options.Target}' has no {(options.Parent > 0 ? $"version {options.Parent}" : "published version")} in the store; publish it first");
        var attempts = await JsonLinesArtifact.ReadAsync<AttemptRecord>(services.Loop.Artifacts, options.Attempts, $"input 'attempts' of step {context.StepKey}", cancellationToken);
        // One seed for every audit: evaluators that keep the same labels are audited on the same sample.
        var seed = context.Random.Next();

        var (baseline, problem) = Audit($"{id}@{parent}", attempts, options.Sample, seed);
        if (baseline is null) return Failed("evaluator-failed", problem!);
        context.Log($"{baseline.Evaluator}: kept {baseline.Kept} of {attempts.Count}, {baseline.Correct} of {baseline.Audited} audited right");

        var journal = await services.Definitions.GetEditsAsync(options.Target, cancellationToken);
        var (passed, refused, outcomes) = (new JsonArray(), new JsonArray(), new JsonArray());
        foreach (var draft in options.Drafts.OfType<JsonObject>())
        {
            Json.JsonTypes.TryGetNumber(draft["version"], out var number); // the validator checked it is a version number
            var version = (int)number;
            var (edited, failure) = Audit($"{id}@{version}", attempts, options.Sample, seed);
            if (edited is null) return Failed("evaluator-failed", failure!);
            var rejection = KeptNothing(edited, baseline) ?? Floor(edited, options.MinPrecision) ?? EvaluatorEditGate.Judge(baseline.ForGate(), edited.ForGate(), options.MaxDrop);
            var entry = (JsonObject)draft.DeepClone();
            entry["evaluator"] = edited.Evaluator;
            entry["baseline"] = baseline.ToJson();
            entry["edited"] = edited.ToJson();
            var arm = draft["arm"] is JsonValue a && a.TryGetValue<string>(out var armText) ? armText : "?";
            if (rejection is null)
            {
                passed.Add(entry);
                context.Log($"{edited.Evaluator} ({arm}): kept {edited.Kept}, {edited.Correct} of {edited.Audited} audited right: passed, goes to trial");
                continue;
            }
            entry["reason"] = rejection.Reason;
            refused.Add(entry);
            outcomes.Add(new JsonObject { ["arm"] = arm, ["reward"] = 0 });
            await JournalAsync(options.Target, parent, version, draft, entry, rejection, journal, context.IdempotencyKey, cancellationToken);
            context.Log($"{edited.Evaluator} ({arm}): refused, not trialled: {rejection.Reason}");
        }
        return Done(new EvaluatorGateOutput { Baseline = baseline.ToJson(), Passed = passed, Refused = refused, Outcomes = outcomes, Attempts = attempts.Count });
    }

    /// <summary>The evaluator's labels on the attempts, audited as <c>evaluate/audit</c> audits them; or why it could not be.</summary>
    private (EvaluatorAudit? Audit, string? Problem) Audit(string reference, IReadOnlyList<AttemptRecord> attempts, int sample, int seed)
    {
        var (evaluator, issues) = services.Loop.Evaluators.Load(reference);
        if (evaluator is null) return (null, $"evaluator '{reference}' is not usable: {string.Join("; ", issues)}");
        IReadOnlyList<AttemptRecord> kept;
        try
        {
            kept = EvaluatorRunner.Apply(evaluator, services.Loop.Evaluators.Filters, attempts).Kept;
        }
        catch (InvalidOperationException e)
        {
            return (null, $"{evaluator.Reference}: {e.Message}");
        }
        if (!LabelAudit.TryCheck(services.Loop.Tasks, LabelAudit.Sample(kept, sample, new Random(seed)), out var verdicts, out var unknownTask))
            return (null, services.Loop.UnknownTask(unknownTask!));
        return (new EvaluatorAudit(evaluator.Reference, kept.Count, verdicts.Count, verdicts.Count(v => v.Correct)), null);
    }

    // A round judged by such a draft trains on nothing, so its trial cannot gain: the frontier only moves by training.
    private static EditRejection? KeptNothing(EvaluatorAudit edited, EvaluatorAudit baseline) =>
        edited.Kept == 0 && baseline.Kept > 0
            ? new EditRejection("", $"it kept no labels where {baseline.Evaluator} kept {baseline.Kept}; a round judged by it would train on nothing")
            : null;

    private static EditRejection? Floor(EvaluatorAudit edited, double minPrecision) =>
        edited.Audited > 0 && edited.Precision < minPrecision
            ? new EditRejection("", string.Create(CultureInfo.InvariantCulture, $"audited precision {edited.Precision:0.000} is below the floor {minPrecision:0.000}; labels this noisy would fail the round's audit"))
            : null;

    /// <summary>
    /// Journals the refusal against the draft, under the editor that proposed it, so the journal says why the draft was
    /// never trialled. A re-run of the step finds its entry and adds none.
    /// </summary>
    private async Task JournalAsync(string target, int parent, int version, JsonObject draft, JsonObject entry, EditRejection rejection,
        IReadOnlyList<EditRecord> journal, string step, CancellationToken cancellationToken)
    {
        if (journal.Any(e => e.DraftVersion == version && e.Details?["step"] is JsonValue s && s.TryGetValue<string>(out var key) && key == step)) return;
        var proposed = journal.LastOrDefault(e => e.Accepted && e.DraftVersion == version);
        var details = new JsonObject
        {
            ["step"] = step,
            ["stage"] = Stage,
            ["arm"] = draft["arm"]?.DeepClone(),
            ["baseline"] = entry["baseline"]!.DeepClone(),
            ["edited"] = entry["edited"]!.DeepClone(),
        };
        await services.Definitions.AppendEditAsync(new EditJournalEntry(target, proposed?.ParentVersion ?? parent, proposed?.Editor ?? "meta/evaluator-gate",
            draft["patch"] as JsonArray is { } patch ? (JsonArray)patch.DeepClone() : [], false, [rejection], version, proposed?.Rationale, details), cancellationToken);
    }
}
