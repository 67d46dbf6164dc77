using Orchestrator.Core.Engine.Control;

namespace Orchestrator.Core.Tests.TestSupport;

/// <summary>
/// The in-memory control store, counting the progress writes that reach it, and failing them while <see cref="Failing"/>
/// is set (a database that has gone away), to see what the writer does then.
/// </summary>
public sealed class CountingControlStore : IRunControlStore
{
    private int _progressWrites;

    public InMemoryRunControlStore Inner { get; } = new();

    public int ProgressWrites => Volatile.Read(ref _progressWrites);

    public bool Failing { get; set; }

    public Task ReportProgressAsync(RunProgress progress, CancellationToken cancellationToken)
    {
        if (Failing) throw new IOException("the store is unreachable");
        Interlocked.Increment(ref _progressWrites);
        return Inner.ReportProgressAsync(progress, cancellationToken);
    }

    public Task<RunProgress?> GetProgressAsync(string runId, CancellationToken cancellationToken) => Inner.GetProgressAsync(runId, cancellationToken);

    public Task<IReadOnlyDictionary<string, RunProgress>> GetProgressAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken) =>
        Inner.GetProgressAsync(runIds, cancellationToken);

    public Task RequestCancelAsync(CancelRequest request, CancellationToken cancellationToken) => Inner.RequestCancelAsync(request, cancellationToken);

    public Task<CancelRequest?> FindCancelRequestAsync(string runId, CancellationToken cancellationToken) => Inner.FindCancelRequestAsync(runId, cancellationToken);

    public Task ClearCancelRequestAsync(string runId, CancellationToken cancellationToken) => Inner.ClearCancelRequestAsync(runId, cancellationToken);
}
