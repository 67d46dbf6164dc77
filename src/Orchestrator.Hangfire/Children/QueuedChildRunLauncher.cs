using Orchestrator.Core.Definitions;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Children;
using Orchestrator.Hangfire.Enqueueing;
using Orchestrator.Hangfire.Workers;

namespace Orchestrator.Hangfire.Children;

/// <summary>
/// Queues every child run at once so that every worker takes some, and waits for them in our store. While it waits
/// the parent's own worker executes queued children too (taking each child's lease, as any worker does), so a single
/// worker still finishes the trial and two workers split it. A resumed parent finds its children where they stand.
/// </summary>
public sealed class QueuedChildRunLauncher(JobServices services, string queue = QueueNames.Default) : IChildRunLauncher
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public async Task<IReadOnlyList<RunRecord>> RunAllAsync(IReadOnlyList<ChildRun> children, CancellationToken cancellationToken)
    {
        var enqueuer = new RunEnqueuer(services);
        foreach (var child in children)
        {
            var creation = await enqueuer.EnqueueAsync(child.Definition, child.Catalog, child.Inputs, new RunStartOptions { RunId = child.RunId, Seed = child.Seed }, queue, null, cancellationToken);
            // A child an earlier attempt of the parent left unfinished goes back on the queue; a duplicate job is harmless.
            if (!creation.Created && creation.Run.Status is RunStatus.Running or RunStatus.Cancelled) enqueuer.Queue(child.RunId, queue);
        }

        var engine = services.CreateEngine();
        while (true)
        {
            var runs = new List<RunRecord>();
            foreach (var child in children)
                runs.Add(await services.Runs.FindRunAsync(child.RunId, cancellationToken)
                    ?? throw new InvalidOperationException($"child run {child.RunId} vanished from the store"));
            // All finished, or one failed (the trial fails with it, as it does in-process).
            if (runs.All(r => r.Status is RunStatus.Succeeded) || runs.Any(r => r.Status is RunStatus.Failed)) return runs;

            if (runs.FirstOrDefault(r => r.Status is RunStatus.Queued or RunStatus.Cancelled) is { } waiting && await TryExecuteAsync(engine, waiting.Id, cancellationToken))
                continue;
            await Task.Delay(Poll, services.Time, cancellationToken);
        }
    }

    private static async Task<bool> TryExecuteAsync(WorkflowEngine engine, string runId, CancellationToken cancellationToken)
    {
        try
        {
            var run = await engine.ResumeAsync(runId, cancellationToken);
            if (run.Status == RunStatus.Cancelled) cancellationToken.ThrowIfCancellationRequested();
            return true;
        }
        catch (RunLeaseHeldException)
        {
            // Another worker took it between our look and our claim.
            return false;
        }
    }
}
