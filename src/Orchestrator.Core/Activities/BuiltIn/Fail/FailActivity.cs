namespace Orchestrator.Core.Activities.BuiltIn.Fail;

/// <summary><c>fail</c>: ends the run as failed with the given error type and message (usually behind an <c>if</c>).</summary>
public sealed class FailActivity() : Activity<FailOptions, FailOutput>("fail", "Fails the run with an error type and message.", new FailOptionsValidator())
{
    protected override ValueTask<ActivityOutcome> ExecuteAsync(FailOptions options, ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Failed(options.Type, options.Message));
}
