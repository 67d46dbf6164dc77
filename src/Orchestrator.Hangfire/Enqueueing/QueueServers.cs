using Hangfire;

namespace Orchestrator.Hangfire.Enqueueing;

/// <summary>Which live workers serve a queue, from the servers' heartbeats in Hangfire's storage.</summary>
public static class QueueServers
{
    /// <summary>A server whose heartbeat is older than this is taken for dead.</summary>
    public static readonly TimeSpan Alive = TimeSpan.FromMinutes(1);

    public static IReadOnlyList<string> Serving(JobStorage storage, string queue, DateTimeOffset now) =>
        storage.GetMonitoringApi().Servers()
            .Where(s => s.Queues.Contains(queue, StringComparer.Ordinal) && s.Heartbeat is { } beat && now - new DateTimeOffset(DateTime.SpecifyKind(beat, DateTimeKind.Utc)) < Alive)
            .Select(s => s.Name)
            .ToList();
}
