namespace Orchestrator.Core.Engine.Control;

/// <summary>
/// Watches the control store for a request to cancel one run while it executes: looks once at once (so a run whose
/// cancel was requested while it waited in a queue stops before its first step), then every interval, and signals
/// <see cref="Requested"/> when it finds one. Without a control store it never signals.
/// </summary>
internal sealed class CancelRequestWatch : IAsyncDisposable
{
    private readonly IRunControlStore? _store;
    private readonly string _runId;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _requested = new();
    private readonly TaskCompletionSource _firstLook = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _watching;
    private CancelRequest? _request;

    public CancelRequestWatch(IRunControlStore? store, string runId, TimeSpan interval, TimeProvider time)
    {
        if (interval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "the cancel poll interval must be positive (EngineOptions.CancelPollInterval)");
        (_store, _runId, _interval, _time) = (store, runId, interval, time);
        _watching = store is null ? Task.CompletedTask : WatchAsync(store);
        if (store is null) _firstLook.SetResult();
    }

    /// <summary>Cancelled once a request is found.</summary>
    public CancellationToken Requested => _requested.Token;

    /// <summary>The request that was found, once <see cref="Requested"/> is cancelled.</summary>
    public CancelRequest? Request => Volatile.Read(ref _request);

    /// <summary>Completes after the first look at the store, whatever it found (or failed to find).</summary>
    public Task FirstLook => _firstLook.Task;

    private async Task WatchAsync(IRunControlStore store)
    {
        try
        {
            while (true)
            {
                var found = await LookAsync(store);
                _firstLook.TrySetResult();
                if (found is not null)
                {
                    Volatile.Write(ref _request, found);
                    await _requested.CancelAsync();
                    return;
                }
                await Task.Delay(_interval, _time, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            _firstLook.TrySetResult();
        }
    }

    private async Task<CancelRequest?> LookAsync(IRunControlStore store)
    {
        try
        {
            return await store.FindCancelRequestAsync(_runId, _stop.Token);
        }
        catch (Exception) when (!_stop.IsCancellationRequested)
        {
            // A store hiccup must not fail the run, and a request is still there at the next look.
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
        _requested.Dispose();
    }
}
