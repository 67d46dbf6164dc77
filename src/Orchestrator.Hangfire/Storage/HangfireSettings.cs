namespace Orchestrator.Hangfire.Storage;

/// <summary>
/// How workers and clients use Hangfire's storage. The defaults serve long training steps: a step is never
/// fetched a second time while its worker lives (sliding invisibility, renewed every fifth of
/// <see cref="RequeueAfter"/>), a killed worker's job is fetched again after <see cref="RequeueAfter"/>, and a
/// queued job starts within <see cref="PollInterval"/> even where notifications are lost.
/// </summary>
public sealed record HangfireSettings
{
    /// <summary>The schema Hangfire's tables live in, inside the store's own PostgreSQL database.</summary>
    public const string PostgresSchema = "hangfire";

    /// <summary>How long a job fetched by a worker that stopped heartbeating stays invisible before another worker takes it.</summary>
    public TimeSpan RequeueAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The fallback poll of the queue; LISTEN/NOTIFY wakes a worker at once when a job is enqueued.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
