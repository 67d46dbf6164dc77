using System.ComponentModel;
using Hangfire;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Hangfire.Workers;

namespace Orchestrator.Hangfire.Jobs;

/// <summary>
/// Executes one dispatched attempt on a worker serving its queue: reads the invocation from our store, runs the
/// activity here and writes the outcome back (the first outcome wins, so a repeated delivery changes nothing).
/// </summary>
public sealed class AttemptJob(JobServices services)
{
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("attempt {2} of {1} in run {0}")]
    public async Task ExecuteAsync(string runId, string stepKey, int attempt, CancellationToken cancellationToken)
    {
        var dispatched = await services.Dispatches.FindDispatchAsync(runId, stepKey, attempt, cancellationToken);
        if (dispatched is null)
        {
            services.Log($"attempt {attempt} of {stepKey} in run {runId}: not in the store; nothing to do");
            return;
        }
        if (dispatched.IsFinished) return;

        var invocation = StepInvocationJson.Read(dispatched.Invocation);
        services.Log($"attempt {attempt} of {stepKey} in run {runId}: {invocation.ActivityType} on queue {dispatched.Queue}");
        ActivityOutcome outcome;
        try
        {
            outcome = await services.Local.DispatchAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is stopping: Hangfire puts the job back on its queue and another worker runs the attempt.
            throw;
        }
        catch (Exception e)
        {
            outcome = ActivityOutcome.Failure("exception:" + e.GetType().FullName, e.Message);
        }
        await services.Dispatches.FinishDispatchAsync(runId, stepKey, attempt, StepInvocationJson.Write(outcome), services.Name, services.Time.GetUtcNow(), CancellationToken.None);
    }
}
