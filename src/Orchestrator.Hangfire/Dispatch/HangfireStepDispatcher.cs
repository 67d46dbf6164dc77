using Hangfire;
using Hangfire.States;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Hangfire.Jobs;

namespace Orchestrator.Hangfire.Dispatch;

/// <summary>
/// Sends the attempts of steps that name a queue to the workers serving it, and runs the rest here. An attempt
/// going out is first recorded in our store (the outbox), then enqueued with its key only; the worker writes the
/// outcome back to our store, and this side waits for it there, so either side may crash and resume.
/// </summary>
public sealed class HangfireStepDispatcher(IDispatchStore store, IBackgroundJobClient jobs, IStepDispatcher local, TimeProvider time) : IStepDispatcher
{
    /// <summary>How often the waiting side looks for the outcome; a step that goes to a queue runs for seconds at least.</summary>
    public static readonly TimeSpan OutcomePoll = TimeSpan.FromMilliseconds(100);

    public async ValueTask<ActivityOutcome> DispatchAsync(StepInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Queue is null) return await local.DispatchAsync(invocation, cancellationToken);

        // A run resumed after its owner died finds the attempt it sent before: still running on a worker (wait for
        // it rather than train twice), or finished well (its outcome is this step's outcome). A failed one is retried.
        var earlier = await store.ListDispatchesAsync(invocation.RunId, invocation.StepKey, cancellationToken);
        var pending = earlier.LastOrDefault(d => d.Attempt <= invocation.Attempt
            && (!d.IsFinished || StepInvocationJson.ReadOutcome(d.Outcome!).Succeeded));
        var dispatched = pending ?? await SendAsync(invocation, cancellationToken);
        return await WaitForOutcomeAsync(dispatched, cancellationToken);
    }

    private async Task<DispatchedAttempt> SendAsync(StepInvocation invocation, CancellationToken cancellationToken)
    {
        var record = await store.AddDispatchAsync(new DispatchedAttempt
        {
            RunId = invocation.RunId,
            StepKey = invocation.StepKey,
            Attempt = invocation.Attempt,
            Queue = invocation.Queue!,
            Invocation = StepInvocationJson.Write(invocation),
            CreatedAt = time.GetUtcNow(),
        }, cancellationToken);
        jobs.Create<AttemptJob>(job => job.ExecuteAsync(invocation.RunId, invocation.StepKey, invocation.Attempt, CancellationToken.None),
            new EnqueuedState(invocation.Queue));
        return record;
    }

    private async Task<ActivityOutcome> WaitForOutcomeAsync(DispatchedAttempt attempt, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await store.FindDispatchAsync(attempt.RunId, attempt.StepKey, attempt.Attempt, cancellationToken);
            if (current?.Outcome is { } outcome) return StepInvocationJson.ReadOutcome(outcome);
            await Task.Delay(OutcomePoll, time, cancellationToken);
        }
    }
}
