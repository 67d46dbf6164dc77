namespace Orchestrator.Core.Engine.Control;

/// <summary>Progress and cancel requests in memory only, for tests of the engine; the durable stores keep them in the database.</summary>
public sealed class InMemoryRunControlStore : IRunControlStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RunProgress> _progress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CancelRequest> _cancelRequests = new(StringComparer.Ordinal);

    public Task ReportProgressAsync(RunProgress progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(progress.RunId, nameof(progress.RunId));
        ArgumentException.ThrowIfNullOrWhiteSpace(progress.StepKey, nameof(progress.StepKey));
        lock (_lock) _progress[progress.RunId] = progress;
        return Task.CompletedTask;
    }

    public Task<RunProgress?> GetProgressAsync(string runId, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_progress.GetValueOrDefault(runId));
    }

    public Task<IReadOnlyDictionary<string, RunProgress>> GetProgressAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var found = new Dictionary<string, RunProgress>(StringComparer.Ordinal);
            foreach (var runId in runIds)
                if (_progress.TryGetValue(runId, out var progress)) found[runId] = progress;
            return Task.FromResult<IReadOnlyDictionary<string, RunProgress>>(found);
        }
    }

    public Task RequestCancelAsync(CancelRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RunId, nameof(request.RunId));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.By, nameof(request.By));
        lock (_lock) _cancelRequests.TryAdd(request.RunId, request);
        return Task.CompletedTask;
    }

    public Task<CancelRequest?> FindCancelRequestAsync(string runId, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_cancelRequests.GetValueOrDefault(runId));
    }

    public Task ClearCancelRequestAsync(string runId, CancellationToken cancellationToken)
    {
        lock (_lock) _cancelRequests.Remove(runId);
        return Task.CompletedTask;
    }
}
