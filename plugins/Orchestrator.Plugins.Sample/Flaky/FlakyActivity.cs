using Orchestrator.Core.Activities;

namespace Orchestrator.Plugins.Sample.Flaky;

/// <summary>
/// <c>sample/flaky</c>: fails its first <c>failTimes</c> attempts with a transient error, then succeeds.
/// Shows how an activity reports an expected, retryable failure without throwing.
/// </summary>
public sealed class FlakyActivity() : Activity<FlakyOptions, FlakyOutput>("sample/flaky", "Fails transiently a given number of times, then succeeds; for trying retry policies.", new FlakyOptionsValidator())
{
    protected override ValueTask<ActivityOutcome> ExecuteAsync(FlakyOptions options, ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(context.Attempt <= options.FailTimes
            ? Failed("sample-transient", $"attempt {context.Attempt} of {options.FailTimes + 1} fails on purpose", transient: true)
            : Done(new FlakyOutput(context.Attempt)));
}
