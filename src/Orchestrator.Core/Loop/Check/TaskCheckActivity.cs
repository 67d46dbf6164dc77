using Orchestrator.Core.Activities;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Tasks;

namespace Orchestrator.Core.Loop.Check;

/// <summary>
/// <c>task/check</c>, the "execute" step: runs every attempt through its task's exact checker and records the
/// verdict. This pass/fail is the environment's feedback — the only ground truth the loop uses after round 0.
/// </summary>
public sealed class TaskCheckActivity(LoopServices services)
    : Activity<TaskCheckOptions, TaskCheckOutput>("task/check", "Checks attempts with their task's checker, recording pass/fail per attempt.", new TaskCheckOptionsValidator())
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(TaskCheckOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var attempts = await JsonLinesArtifact.ReadAsync<AttemptRecord>(services.Artifacts, options.Attempts, $"input 'attempts' of step {context.StepKey}", cancellationToken);
        var checkedAttempts = new List<AttemptRecord>(attempts.Count);
        foreach (var attempt in attempts)
        {
            if (!services.Tasks.TryGet(attempt.Task, out var task)) return Failed("unknown-task", services.UnknownTask(attempt.Task));
            var verdict = task.Check(new TaskItem(attempt.Task, attempt.Prompt, attempt.Reference, attempt.Length), attempt.Attempt);
            checkedAttempts.Add(attempt with { Correct = verdict.Correct });
        }

        var hash = await JsonLinesArtifact.WriteAsync(services.Artifacts, checkedAttempts, cancellationToken);
        var correct = checkedAttempts.Count(a => a.Correct == true);
        context.Log($"{correct} of {checkedAttempts.Count} attempts correct");
        return Done(new TaskCheckOutput
        {
            Checked = hash,
            Total = checkedAttempts.Count,
            Correct = correct,
            Accuracy = checkedAttempts.Count == 0 ? 0 : Math.Round(correct / (double)checkedAttempts.Count, 4),
            GreedyByLength = LengthAccuracy.Of(checkedAttempts.Where(a => a.Greedy), a => a.Length, a => a.Correct == true),
        });
    }
}
