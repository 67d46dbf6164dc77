using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Evaluation;

/// <summary>Applies an evaluator's filters in order.</summary>
public static class EvaluatorRunner
{
    public static EvaluationResult Apply(EvaluatorDefinition evaluator, AttemptFilterRegistry filters, IReadOnlyList<AttemptRecord> attempts)
    {
        var stages = new List<FilterCount>();
        var current = attempts;
        foreach (var step in evaluator.Filters)
        {
            if (!filters.TryGet(step.Uses, out var filter))
                throw new InvalidOperationException($"{evaluator.File}: the filter '{step.Uses}' is not registered in this process");
            current = filter.Apply(current, step.With, attempts);
            stages.Add(new FilterCount(step.Uses, current.Count));
        }
        return new EvaluationResult(current, stages);
    }
}
