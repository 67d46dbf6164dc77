using System.Collections.Concurrent;
using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Serving;

/// <summary>
/// Runs the server executes in its own process, one task each. Stopping the server cancels them, which ends each at
/// its running step as Ctrl+C ends <c>orchestrator run</c>: cancelled, and resumable from its last committed step.
/// </summary>
public sealed class BackgroundRuns : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    /// <summary>False when this process already executes the run.</summary>
    public bool TryStart(string runId, Func<CancellationToken, Task<RunRecord>> execute)
    {
        var gate = new TaskCompletionSource();
        var task = Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                await execute(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or RunSetupException or RunLeaseHeldException or StepFailedException)
            {
                // The engine has recorded the outcome in the run; nothing is lost by ending here.
                Console.Error.WriteLine($"run {runId}: {e.Message}");
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"run {runId} stopped on an unexpected error: {e}");
            }
            finally
            {
                _running.TryRemove(runId, out _);
            }
        });
        if (!_running.TryAdd(runId, task))
        {
            gate.SetCanceled();
            return false;
        }
        gate.SetResult();
        return true;
    }

    public bool IsRunning(string runId) => _running.ContainsKey(runId);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stopping.Dispose();
    }
}
