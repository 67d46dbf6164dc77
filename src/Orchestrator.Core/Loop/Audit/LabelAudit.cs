using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Tasks;

namespace Orchestrator.Core.Loop.Audit;

/// <summary>
/// The audit's measurement, shared by <c>evaluate/audit</c> and the evaluator-edit gate so both judge labels the same
/// way: a uniform random sample of kept labels, each checked against the task's checker.
/// </summary>
public static class LabelAudit
{
    /// <summary>A uniform sample without replacement (all of them when there are fewer), fixed by <paramref name="random"/>.</summary>
    public static IReadOnlyList<AttemptRecord> Sample(IReadOnlyList<AttemptRecord> kept, int size, Random random)
    {
        var indices = Enumerable.Range(0, kept.Count).ToArray();
        var take = Math.Min(size, indices.Length);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        return indices.Take(take).Select(i => kept[i]).ToList();
    }

    /// <summary>
    /// The checker's verdict on each sampled label; false with <paramref name="unknownTask"/> set when a label names a
    /// task no plugin provides (nothing can judge it, and guessing would fake a precision).
    /// </summary>
    public static bool TryCheck(TaskRegistry tasks, IReadOnlyList<AttemptRecord> sample, out IReadOnlyList<(AttemptRecord Attempt, bool Correct)> verdicts, out string? unknownTask)
    {
        var checkedLabels = new List<(AttemptRecord Attempt, bool Correct)>(sample.Count);
        (verdicts, unknownTask) = (checkedLabels, null);
        foreach (var attempt in sample)
        {
            if (!tasks.TryGet(attempt.Task, out var task))
            {
                unknownTask = attempt.Task;
                return false;
            }
            checkedLabels.Add((attempt, task.Check(new TaskItem(attempt.Task, attempt.Prompt, attempt.Reference, attempt.Length), attempt.Attempt).Correct));
        }
        return true;
    }
}
