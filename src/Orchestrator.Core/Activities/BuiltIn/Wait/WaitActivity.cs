namespace Orchestrator.Core.Activities.BuiltIn.Wait;

/// <summary>
/// <c>wait</c>: a durable timer. The deadline counts from when the step first started, which the engine
/// records before the first attempt, so a run killed mid-wait and resumed waits only what is left.
/// </summary>
public sealed class WaitActivity() : Activity<WaitOptions, WaitOutput>("wait", "Waits for a duration; durable across crashes and resumes.", new WaitOptionsValidator())
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(WaitOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        Definitions.Duration.TryParse(options.Duration, out var duration);
        var due = context.FirstStartedAt + duration;
        var remaining = due - context.Time.GetUtcNow();
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining, context.Time, cancellationToken);
        return Done(new WaitOutput(due));
    }
}
