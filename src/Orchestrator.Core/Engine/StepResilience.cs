using Orchestrator.Core.Activities;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Engine.Store;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Builds a step's Polly pipeline from its <c>retry</c> and <c>timeout</c>: the timeout bounds each attempt,
/// the retry repeats exceptions, timeouts and transient failures with backoff. Cancelling the run is never retried.
/// </summary>
internal static class StepResilience
{
    public static ResiliencePipeline<ActivityOutcome> Build(StepDefinition step, TimeProvider time, Action<int, TimeSpan, string> onRetry, CancellationToken runCancellation)
    {
        var builder = new ResiliencePipelineBuilder<ActivityOutcome> { TimeProvider = time };
        if (step.Retry.Attempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<ActivityOutcome>
            {
                MaxRetryAttempts = step.Retry.Attempts - 1,
                Delay = step.Retry.Delay,
                MaxDelay = step.Retry.MaxDelay,
                BackoffType = step.Retry.Backoff switch
                {
                    RetryBackoff.Constant => DelayBackoffType.Constant,
                    RetryBackoff.Linear => DelayBackoffType.Linear,
                    _ => DelayBackoffType.Exponential,
                },
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: OperationCanceledException } when runCancellation.IsCancellationRequested => false,
                    // The store failed, not the activity: retrying the step cannot help, and each retry would write to it again.
                    { Exception: StoreUnavailableException } => false,
                    { Exception: not null } => true,
                    { Result.Error.Transient: true } => true,
                    _ => false,
                }),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception?.Message ?? args.Outcome.Result?.Error?.Message ?? "failed";
                    onRetry(args.AttemptNumber + 2, args.RetryDelay, reason);
                    return ValueTask.CompletedTask;
                },
            });
        }
        if (step.Timeout is { } timeout) builder.AddTimeout(timeout);
        return builder.Build();
    }

    public static bool IsTimeout(Exception e) => e is TimeoutRejectedException;
}
