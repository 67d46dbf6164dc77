using Stopwatch = System.Diagnostics.Stopwatch;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Statistics;

namespace Orchestrator.Core.Loop.Audit;

/// <summary>
/// <c>evaluate/audit</c>, the label-quality audit: checks a small random sample of the self-labels an evaluator
/// kept against the task's checker and reports their precision with a Clopper-Pearson bound. The verdicts are a
/// data-quality gate and a report, never training labels: nothing here changes the kept items.
/// </summary>
public sealed class AuditActivity(LoopServices services)
    : Activity<AuditOptions, AuditOutput>("evaluate/audit", "Checks a random sample of kept self-labels with the task's checker; reports precision and whether it is high enough to train on.", new AuditOptionsValidator())
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(AuditOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var kept = await JsonLinesArtifact.ReadAsync<AttemptRecord>(services.Artifacts, options.Kept, $"input 'kept' of step {context.StepKey}", cancellationToken);
        var sample = LabelAudit.Sample(kept, options.Sample, context.Random);
        if (!LabelAudit.TryCheck(services.Tasks, sample, out var verdicts, out var unknownTask)) return Failed("unknown-task", services.UnknownTask(unknownTask!));

        var correct = verdicts.Count(v => v.Correct);
        var bound = verdicts.Count == 0 ? 0 : ClopperPearson.Lower(correct, verdicts.Count, options.Confidence);
        var passed = verdicts.Count > 0 && bound >= options.MinPrecision;
        var reason = verdicts.Count == 0
            ? "nothing was kept, so there is nothing to train on"
            : $"{correct} of {verdicts.Count} audited labels right, precision >= {bound:0.000} at {options.Confidence:0.##} confidence, {(passed ? "at least" : "below")} the required {options.MinPrecision:0.000}";
        context.Log($"audit: {reason}");
        return Done(new AuditOutput
        {
            Audited = verdicts.Count,
            Correct = correct,
            Precision = verdicts.Count == 0 ? 0 : Math.Round(correct / (double)verdicts.Count, 4),
            LowerBound = Math.Round(bound, 4),
            Passed = passed,
            Reason = reason,
            ByLength = LengthAccuracy.Of(verdicts, v => v.Attempt.Length, v => v.Correct),
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            Evaluator = options.Evaluator.Length == 0 ? null : options.Evaluator,
        });
    }
}
