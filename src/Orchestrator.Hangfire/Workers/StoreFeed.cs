using Orchestrator.Core.Engine;
using Orchestrator.Hangfire.Enqueueing;

namespace Orchestrator.Hangfire.Workers;

/// <summary>
/// On the embedded store each worker's Hangfire storage is its own memory, so the SQLite store is the queue: this
/// feed hands the worker's Hangfire the queued runs of the queues it serves, and at start the runs a stopped or
/// killed worker left unfinished. Several workers may take the same run; its lease lets only one execute it.
/// </summary>
internal sealed class StoreFeed(JobServices services, IReadOnlyList<string> queues)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    // Newest first; queued runs are recent, and one machine's store holds a modest number of runs.
    private const int Window = 1000;

    private readonly HashSet<string> _handed = new(StringComparer.Ordinal);
    private bool _started;

    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var runs = await services.Runs.ListRunsAsync(Window, cancellationToken);
        var enqueuer = new RunEnqueuer(services);
        foreach (var run in runs.Where(r => r.Queue is { } q && queues.Contains(q)).Reverse())
        {
            var wanted = run.Status == RunStatus.Queued || (!_started && run.Status is RunStatus.Running or RunStatus.Cancelled);
            if (!wanted)
            {
                if (run.Status is RunStatus.Succeeded or RunStatus.Failed) _handed.Remove(run.Id);
                continue;
            }
            if (_handed.Add(run.Id)) enqueuer.Queue(run.Id, run.Queue!);
        }
        _started = true;
    }
}
