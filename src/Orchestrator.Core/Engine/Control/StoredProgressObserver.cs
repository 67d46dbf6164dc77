using System.Collections.Concurrent;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Engine.Control;

/// <summary>
/// Puts the progress of running steps into the control store, for processes that watch runs they do not execute. A
/// report only replaces the run's latest in memory, so it never waits for the store; a background loop writes what is
/// new at most once per interval, and at once when a step or the run finishes. Store errors are counted, never thrown:
/// progress is a view, and a run must not fail for want of it. Dispose it to write what is left.
/// </summary>
public sealed class StoredProgressObserver : IRunObserver, IAsyncDisposable
{
    /// <summary>The default pause between two writes.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    private readonly IRunControlStore _store;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    // Per run, the latest report not yet written; a write removes an entry only if no newer report replaced it meanwhile.
    private readonly ConcurrentDictionary<string, RunProgress> _unwritten = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _work = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writing;
    private TaskCompletionSource _writeNow = NewSignal();
    private int _woken;
    private long _failedWrites;
    private Exception? _lastFailure;
    private int _disposed;

    /// <param name="store">Where progress goes: the control store of the store the run is in.</param>
    /// <param name="interval">The least time between two writes; <see cref="DefaultInterval"/> unless given.</param>
    /// <param name="time">The clock of report times and of the interval.</param>
    public StoredProgressObserver(IRunControlStore store, TimeSpan? interval = null, TimeProvider? time = null)
    {
        if (interval is { } given && given < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(interval), given, "the interval between progress writes must not be negative");
        _store = store;
        _interval = interval ?? DefaultInterval;
        _time = time ?? TimeProvider.System;
        _writing = Task.Run(WriteLoopAsync);
    }

    /// <summary>How many writes to the store have failed (each is retried with the next one).</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    /// <summary>The most recent write failure, for a diagnostic line; null when none failed.</summary>
    public Exception? LastFailure => Volatile.Read(ref _lastFailure);

    public void Progress(string runId, string stepKey, StepProgress progress)
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        _unwritten[runId] = new RunProgress(runId, stepKey, progress, _time.GetUtcNow());
        Wake();
    }

    // A finished step's last report is what a watcher should see now, not an interval later.
    public void StepFinished(string runId, StepRecord step, TimeSpan elapsed) => WriteSoon(runId);

    public void RunFinished(RunRecord run) => WriteSoon(run.Id);

    private void WriteSoon(string runId)
    {
        if (!_unwritten.ContainsKey(runId)) return;
        Volatile.Read(ref _writeNow).TrySetResult();
        Wake();
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref _woken, 1) == 0) _work.Release();
    }

    private async Task WriteLoopAsync()
    {
        long? lastWrite = null;
        try
        {
            while (true)
            {
                await _work.WaitAsync(_stop.Token);
                Volatile.Write(ref _woken, 0);
                if (lastWrite is { } last && _interval - _time.GetElapsedTime(last) is var wait && wait > TimeSpan.Zero)
                    await Task.WhenAny(Task.Delay(wait, _time, _stop.Token), Volatile.Read(ref _writeNow).Task);
                Volatile.Write(ref _writeNow, NewSignal());
                await WriteUnwrittenAsync();
                lastWrite = _time.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task WriteUnwrittenAsync()
    {
        foreach (var entry in _unwritten)
        {
            try
            {
                await _store.ReportProgressAsync(entry.Value, CancellationToken.None);
                _unwritten.TryRemove(entry);
            }
            catch (Exception e)
            {
                // Kept unwritten, so the next write (or the last, at disposal) tries again with whatever is latest then.
                Interlocked.Increment(ref _failedWrites);
                Volatile.Write(ref _lastFailure, e);
            }
        }
    }

    /// <summary>Stops the loop and writes every report not yet written.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync();
        await _writing;
        await WriteUnwrittenAsync();
        // The semaphore stays undisposed: a report racing with disposal may still release it, which must not throw into a step.
        _stop.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
