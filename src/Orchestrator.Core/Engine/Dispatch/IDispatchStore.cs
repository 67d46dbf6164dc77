namespace Orchestrator.Core.Engine.Dispatch;

/// <summary>
/// Durable records of attempts dispatched to other processes: the outbox a run's owner writes before it
/// enqueues an attempt, and the inbox a worker writes the outcome to. Both sides may crash at any point.
/// </summary>
public interface IDispatchStore
{
    /// <summary>Records the attempt unless one with its key exists; returns the stored record either way.</summary>
    Task<DispatchedAttempt> AddDispatchAsync(DispatchedAttempt attempt, CancellationToken cancellationToken);

    Task<DispatchedAttempt?> FindDispatchAsync(string runId, string stepKey, int attempt, CancellationToken cancellationToken);

    /// <summary>Every dispatched attempt of one step, by attempt number.</summary>
    Task<IReadOnlyList<DispatchedAttempt>> ListDispatchesAsync(string runId, string stepKey, CancellationToken cancellationToken);

    /// <summary>Stores the outcome if none is stored yet (the first finish wins); true when this call stored it.</summary>
    Task<bool> FinishDispatchAsync(string runId, string stepKey, int attempt, System.Text.Json.Nodes.JsonObject outcome, string finishedBy, DateTimeOffset now, CancellationToken cancellationToken);
}
