namespace Orchestrator.Core.Activities.BuiltIn.Wait;

/// <summary>
/// <c>wait</c>: a durable timer. The deadline counts from when the step first started, which the engine
/// records before the first attempt, so a run killed mid-wait and resumed waits only what is left. Within one
/// attempt the rest is timed on the monotonic clock, so a clock jump during the wait neither ends it early nor
/// stretches it. Across a restart only the wall clock survives: a clock jumped forward past the deadline ends
/// the wait (as that much downtime would), and one set back never makes it wait longer than its whole duration.
/// </summary>
public sealed class WaitActivity() : Activity<WaitOptions, WaitOutput>("wait", "Waits for a duration; durable across crashes and resumes.", new WaitOptionsValidator())
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(WaitOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        Definitions.Duration.TryParse(options.Duration, out var duration);
        var due = context.FirstStartedAt + duration;
        // Never more than the whole duration: a clock set back since the step first started would otherwise
        // stretch the wait by however far it went back (a day, a year), and the run would seem to hang.
        var remaining = TimeSpan.FromTicks(Math.Min((due - context.Time.GetUtcNow()).Ticks, duration.Ticks));
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining, context.Time, cancellationToken);
        return Done(new WaitOutput(due));
    }
}
