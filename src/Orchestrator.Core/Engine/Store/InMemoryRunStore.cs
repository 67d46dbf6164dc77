using System.Text.Json.Nodes;

namespace Orchestrator.Core.Engine.Store;

/// <summary>
/// Keeps runs in memory only: nothing survives the process. For tests of activities and for measuring
/// the engine's own overhead against the durable stores; never the default.
/// </summary>
public sealed class InMemoryRunStore : IRunStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);
    // Keyed by step key: a begin or commit finds its record directly, as the durable stores do by primary key.
    private readonly Dictionary<string, Dictionary<string, StepRecord>> _steps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Owner, DateTimeOffset Until)> _leases = new(StringComparer.Ordinal);
    private long _sequence;

    public Task<LeaseClaim> ClaimAsync(string runId, string owner, DateTimeOffset now, TimeSpan duration, string? replacing, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_runs.ContainsKey(runId)) throw new InvalidOperationException($"no run {runId}");
            if (_leases.TryGetValue(runId, out var lease) && lease.Owner != owner && lease.Until >= now && lease.Owner != replacing)
                return Task.FromResult(new LeaseClaim(false, lease.Owner, lease.Until));
            _leases[runId] = (owner, now + duration);
            return Task.FromResult(LeaseClaim.Grant());
        }
    }

    public Task ReleaseAsync(string runId, string owner, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_leases.TryGetValue(runId, out var lease) && lease.Owner == owner) _leases.Remove(runId);
        }
        return Task.CompletedTask;
    }

    public Task CreateRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_runs.TryAdd(run.Id, run)) throw new InvalidOperationException($"run {run.Id} already exists");
            _steps[run.Id] = new Dictionary<string, StepRecord>(StringComparer.Ordinal);
        }
        return Task.CompletedTask;
    }

    public Task<RunRecord?> FindRunAsync(string runId, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_runs.GetValueOrDefault(runId));
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<RunRecord>>(_runs.Values.OrderByDescending(r => r.CreatedAt).Take(limit).ToList());
    }

    public Task<RunPage> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var matching = _runs.Values.Where(r => (query.Workflow is null || r.WorkflowId == query.Workflow) && (query.Status is null || r.Status == query.Status))
                .OrderByDescending(r => r.CreatedAt).Skip(query.Offset).Take(query.Limit + 1).ToList();
            return Task.FromResult(new RunPage(matching.Take(query.Limit).ToList(), matching.Count > query.Limit));
        }
    }

    public Task<IReadOnlyList<StepRecord>> GetStepsAsync(string runId, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<StepRecord>>(_steps.TryGetValue(runId, out var steps) ? steps.Values.OrderBy(s => s.Sequence).ToList() : []);
    }

    public Task<StepStart> BeginStepAsync(string runId, StepRecord step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var steps = _steps[runId];
            var existing = steps.GetValueOrDefault(step.Key);
            var begun = step with
            {
                Status = StepStatus.Running,
                Attempts = (existing?.Attempts ?? 0) + 1,
                FirstStartedAt = existing?.FirstStartedAt ?? now,
                Sequence = existing?.Sequence ?? ++_sequence,
            };
            steps[step.Key] = begun;
            return Task.FromResult(new StepStart(begun.Attempts, begun.FirstStartedAt!.Value));
        }
    }

    public Task CommitStepAsync(string runId, StepRecord step, JsonObject runState, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var steps = _steps[runId];
            steps[step.Key] = step with { Sequence = steps.TryGetValue(step.Key, out var existing) ? existing.Sequence : ++_sequence };
            var run = _runs[runId];
            _runs[runId] = run with
            {
                State = runState,
                Position = step.Key,
                StepsCommitted = run.StepsCommitted + (step.IsCommitted ? 1 : 0),
                UpdatedAt = now,
            };
        }
        return Task.CompletedTask;
    }

    public Task UpdateRunStatusAsync(string runId, RunStatus status, JsonNode? output, StepError? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _runs[runId] = _runs[runId] with { Status = status, Output = output, Error = error, UpdatedAt = now };
        }
        return Task.CompletedTask;
    }
}
