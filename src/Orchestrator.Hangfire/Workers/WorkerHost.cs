using Hangfire;
using Orchestrator.Hangfire.Scheduling;
using Orchestrator.Hangfire.Storage;

namespace Orchestrator.Hangfire.Workers;

/// <summary>
/// A Hangfire server executing the engine's jobs on the given queues until asked to stop. Stopping is graceful:
/// running jobs are cancelled, each run stops at its next step boundary (recorded as cancelled) and its job goes
/// back on the queue, so another worker, or this one started again, resumes it.
/// </summary>
public static class WorkerHost
{
    public static async Task RunAsync(JobServices services, WorkerOptions options, CancellationToken stop)
    {
        var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = options.Name,
            Queues = [.. options.Queues],
            WorkerCount = options.Concurrency,
            Activator = new JobServicesActivator(services),
            // Delayed jobs (a run queued behind another) and recurring fires are looked for every second, not every 15.
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            HeartbeatInterval = TimeSpan.FromSeconds(5),
            ServerCheckInterval = TimeSpan.FromSeconds(15),
            ServerTimeout = TimeSpan.FromSeconds(45),
            ShutdownTimeout = options.StopTimeout,
        }, services.Storage);

        var registrar = new ScheduleRegistrar(services);
        var feed = services.SharedStorage ? null : new StoreFeed(services, options.Queues);
        var nextSync = DateTimeOffset.MinValue;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (services.Time.GetUtcNow() >= nextSync)
                {
                    await SafelyAsync(services, "reading schedules", () => registrar.SyncAsync(stop));
                    nextSync = services.Time.GetUtcNow() + options.SyncInterval;
                }
                if (feed is not null) await SafelyAsync(services, "looking for queued runs", () => feed.PollAsync(stop));
                try
                {
                    await Task.Delay(feed is null ? options.SyncInterval : StoreFeed.Interval, services.Time, stop);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        finally
        {
            services.Log($"worker {options.Name}: stopping; running steps stop at their next boundary (up to {options.StopTimeout.TotalSeconds:0} s)");
            server.SendStop();
            await server.WaitForShutdownAsync(CancellationToken.None);
            server.Dispose();
            services.Log($"worker {options.Name}: stopped");
        }
    }

    // A store that is briefly unreachable must not stop the worker: its jobs keep running, and the next round retries.
    private static async Task SafelyAsync(JobServices services, string what, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            services.Log($"worker: {what} failed: {e.Message}");
        }
    }
}
