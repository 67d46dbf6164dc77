namespace Orchestrator.Core.Activities.BuiltIn.Assert;

/// <summary><c>assert</c>: fails the step (error type <c>assertion-failed</c>) when <c>that</c> is false.</summary>
public sealed class AssertActivity() : Activity<AssertOptions, AssertOutput>("assert", "Fails the step when a condition is false.")
{
    protected override ValueTask<ActivityOutcome> ExecuteAsync(AssertOptions options, ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(options.That ? Done(new AssertOutput(true)) : Failed("assertion-failed", options.Message));
}
