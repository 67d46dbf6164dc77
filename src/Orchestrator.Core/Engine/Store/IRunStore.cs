using System.Text.Json.Nodes;

namespace Orchestrator.Core.Engine.Store;

/// <summary>
/// Durable storage of runs and their step journals. The engine owns all state and writes it only through
/// this interface; <see cref="CommitStepAsync"/> is the one transaction after every step.
/// </summary>
public interface IRunStore
{
    Task CreateRunAsync(RunRecord run, CancellationToken cancellationToken);

    Task<RunRecord?> FindRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>One page of the runs matching <paramref name="query"/>, newest first, filtered and paged by the store.</summary>
    Task<RunPage> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken);

    /// <summary>The run's journal in the order steps were first recorded.</summary>
    Task<IReadOnlyList<StepRecord>> GetStepsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>
    /// The journal as <see cref="GetStepsAsync"/> has it, but each step without its output and state changes: what a
    /// view of a long run needs, at a fraction of the reading. Stores that keep them apart can skip them.
    /// </summary>
    async Task<IReadOnlyList<StepRecord>> GetJournalAsync(string runId, CancellationToken cancellationToken) =>
        [.. (await GetStepsAsync(runId, cancellationToken)).Select(s => s with { Output = null, StateChanges = null })];

    /// <summary>
    /// Records that an attempt of a step begins (status running, attempts + 1) and returns the attempt number
    /// and when the step first started, which survives crashes so durable timers and retries count from it.
    /// </summary>
    Task<StepStart> BeginStepAsync(string runId, StepRecord step, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: the step's final record (output, state changes, status), the run's state, its
    /// position (this step's key) and its committed-step count. After this returns, the step is never re-run.
    /// </summary>
    Task CommitStepAsync(string runId, StepRecord step, JsonObject runState, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Claims (or renews) the right to execute a run until <paramref name="now"/> + <paramref name="duration"/>.
    /// It is granted when nobody holds it, the caller holds it, the holder's lease has expired, or the holder is
    /// <paramref name="replacing"/> (an owner the caller has found dead); otherwise the current holder is returned.
    /// </summary>
    Task<LeaseClaim> ClaimAsync(string runId, string owner, DateTimeOffset now, TimeSpan duration, string? replacing, CancellationToken cancellationToken);

    /// <summary>Gives the lease up, if <paramref name="owner"/> still holds it.</summary>
    Task ReleaseAsync(string runId, string owner, CancellationToken cancellationToken);

    /// <summary>Sets the run's status, and its output or error when it has finished.</summary>
    Task UpdateRunStatusAsync(string runId, RunStatus status, JsonNode? output, StepError? error, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The attempt number (1 for the first) and when the step first started.</summary>
public readonly record struct StepStart(int Attempt, DateTimeOffset FirstStartedAt);
