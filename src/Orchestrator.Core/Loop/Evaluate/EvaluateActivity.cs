using Orchestrator.Core.Activities;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Loop.Evaluate;

/// <summary>
/// <c>evaluate</c>, the self-evaluation step: applies a declarative evaluator from <c>workflows/evaluators/</c>
/// to the attempts and keeps what it trusts. The evaluator's id, version and hash go into the output, and from
/// there into the lineage of any model trained on what it kept.
/// </summary>
public sealed class EvaluateActivity(LoopServices services)
    : Activity<EvaluateOptions, EvaluateOutput>("evaluate", "Applies an evaluator (a pipeline of filters) to attempts and keeps what it trusts.", new EvaluateOptionsValidator(services.Evaluators))
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(EvaluateOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var (evaluator, issues) = services.Evaluators.Load(options.Evaluator);
        if (evaluator is null) return Failed("invalid-evaluator", string.Join("; ", issues));
        var attempts = await JsonLinesArtifact.ReadAsync<AttemptRecord>(services.Artifacts, options.Attempts, $"input 'attempts' of step {context.StepKey}", cancellationToken);
        EvaluationResult result;
        try
        {
            result = EvaluatorRunner.Apply(evaluator, services.Evaluators.Filters, attempts);
        }
        catch (InvalidOperationException e)
        {
            return Failed("evaluator-failed", $"{evaluator.Reference}: {e.Message}");
        }

        var hash = await JsonLinesArtifact.WriteAsync(services.Artifacts, result.Kept, cancellationToken);
        context.Log($"{evaluator.Reference} kept {result.Kept.Count} of {attempts.Count} attempts ({string.Join(" -> ", result.Stages.Select(s => $"{s.Filter} {s.Kept}"))})");
        return Done(new EvaluateOutput
        {
            Kept = hash,
            Total = attempts.Count,
            KeptCount = result.Kept.Count,
            KeptShare = attempts.Count == 0 ? 0 : Math.Round(result.Kept.Count / (double)attempts.Count, 4),
            KeptPrompts = result.Kept.Select(a => (a.Task, a.Prompt)).Distinct().Count(),
            KeptByLength = new SortedDictionary<string, int>(result.Kept.GroupBy(a => a.Length).ToDictionary(g => g.Key.ToString("D3"), g => g.Count()), StringComparer.Ordinal),
            Stages = result.Stages,
            Evaluator = evaluator.Reference,
            EvaluatorHash = evaluator.Hash,
        });
    }
}
