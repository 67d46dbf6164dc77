namespace Orchestrator.Hangfire.Workers;

/// <summary>What one worker process serves and how much at once.</summary>
public sealed record WorkerOptions
{
    public required string Name { get; init; }
    public IReadOnlyList<string> Queues { get; init; } = ["default"];

    /// <summary>Jobs at once: runs, attempts and fires alike.</summary>
    public int Concurrency { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How long a stopping worker waits for its jobs to reach a step boundary before it abandons them.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often schedules are re-read from our store (and, on the embedded store, queued work is looked for).</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(5);
}
