using System.ComponentModel;
using Hangfire;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Hangfire.Workers;

namespace Orchestrator.Hangfire.Jobs;

/// <summary>
/// Executes a run on a worker: takes the run's lease, walks it from its last committed step and commits each step,
/// exactly as <c>resume</c> does. Hangfire delivers it at least once; the lease makes a second delivery harmless.
/// </summary>
public sealed class RunJob(JobServices services)
{
    /// <summary>How often a run queued behind another (overlap: queue) checks whether that one has finished.</summary>
    public static readonly TimeSpan WaitingRecheck = TimeSpan.FromSeconds(2);

    [AutomaticRetry(Attempts = 0)]
    [DisplayName("run {0}")]
    public async Task ExecuteAsync(string runId, string? afterRunId, CancellationToken cancellationToken)
    {
        var run = await services.Runs.FindRunAsync(runId, cancellationToken);
        if (run is null)
        {
            services.Log($"run {runId}: not in the store; nothing to do");
            return;
        }
        // Finished runs stay finished: a failed run is resumed by an operator, not by a repeated delivery.
        if (run.Status is RunStatus.Succeeded or RunStatus.Failed) return;
        // So does a run cancelled on request (even as this worker stopped and re-queued it): an operator's resume continues it.
        if (run is { Status: RunStatus.Cancelled, Error.Type: CancelRequest.ErrorType }) return;
        if (afterRunId is not null && await IsUnfinishedAsync(afterRunId, cancellationToken))
        {
            services.Jobs.Schedule<RunJob>(job => job.ExecuteAsync(runId, afterRunId, CancellationToken.None), WaitingRecheck);
            return;
        }

        var finished = await ExecuteHoldingLeaseAsync(runId, cancellationToken);
        if (finished is null) return;
        services.Log($"run {runId}: {finished.Status.ToString().ToLowerInvariant()}{(finished.Error is { } e ? $" at {e.StepKey}: [{e.Type}] {e.Message}" : "")}");
        // Stopped at a step boundary because this worker is shutting down: throwing hands the job back to Hangfire,
        // which re-queues it, and the next worker resumes the run from that boundary.
        if (finished.Status == RunStatus.Cancelled && cancellationToken.IsCancellationRequested)
            throw new OperationCanceledException("the worker stopped; the run is cancelled and re-queued", cancellationToken);
    }

    private async Task<bool> IsUnfinishedAsync(string runId, CancellationToken cancellationToken) =>
        await services.Runs.FindRunAsync(runId, cancellationToken) is { Status: RunStatus.Running or RunStatus.Queued };

    private async Task<RunRecord?> ExecuteHoldingLeaseAsync(string runId, CancellationToken cancellationToken)
    {
        var engine = services.CreateEngine();
        try
        {
            return await engine.ResumeAsync(runId, cancellationToken);
        }
        catch (RunLeaseHeldException held) when (held.Holder is { } holder && RunOwner.IsOnThisMachine(holder))
        {
            // A live process on this machine executes it (a dead one would have been replaced): a duplicate delivery.
            services.Log($"run {runId}: executed by {holder}; this delivery does nothing");
            return null;
        }
        catch (RunLeaseHeldException held) when (held.Until is { } until)
        {
            // Either another worker executes the run (it renews the lease, and this delivery is a duplicate) or its
            // holder died on another machine and the lease runs out at 'until'. Wait that long once and try again.
            var wait = until - services.Time.GetUtcNow() + TimeSpan.FromSeconds(1);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, services.Time, cancellationToken);
            try
            {
                return await engine.ResumeAsync(runId, cancellationToken);
            }
            catch (RunLeaseHeldException again)
            {
                services.Log($"run {runId}: executed by {again.Holder}, which renews its lease; this delivery does nothing");
                return null;
            }
        }
    }
}
