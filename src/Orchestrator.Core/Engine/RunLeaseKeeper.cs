using Orchestrator.Core.Engine.Store;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Keeps the lease on a run while it executes: renews it every third of its duration, and if it is ever lost
/// (this process stalled past the lease and another took the run over) signals <see cref="Lost"/> so the
/// execution stops at the next step boundary instead of running alongside the new holder. Releases it at the end.
/// A renewal reckons "now" as the later of the wall clock and the claim's time plus the time elapsed since on the
/// monotonic clock, so a wall clock set back mid-run cannot shorten the lease (and let another process take a run
/// that is still executing); a clock jumped forward lengthens it by at most the jump, and release still frees it.
/// </summary>
internal sealed class RunLeaseKeeper : IAsyncDisposable
{
    private readonly IRunStore _store;
    private readonly string _runId;
    private readonly string _owner;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;
    private readonly DateTimeOffset _claimedAt;
    private readonly long _claimedTimestamp;

    public RunLeaseKeeper(IRunStore store, string runId, string owner, TimeSpan duration, TimeProvider time)
    {
        (_store, _runId, _owner, _duration, _time) = (store, runId, owner, duration, time);
        (_claimedAt, _claimedTimestamp) = (time.GetUtcNow(), time.GetTimestamp());
        _renewing = RenewAsync();
    }

    private DateTimeOffset Now()
    {
        var wall = _time.GetUtcNow();
        var steady = _claimedAt + _time.GetElapsedTime(_claimedTimestamp);
        return wall > steady ? wall : steady;
    }

    /// <summary>Cancelled when another owner holds the lease.</summary>
    public CancellationToken Lost => _lost.Token;

    public string? LostTo { get; private set; }

    private async Task RenewAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(_duration / 3, _time, _stop.Token);
                LeaseClaim claim;
                try
                {
                    claim = await _store.ClaimAsync(_runId, _owner, Now(), _duration, null, _stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A store hiccup is not a lost lease: two more renewals fit before it expires, so try again.
                    continue;
                }
                if (claim.Granted) continue;
                LostTo = claim.Holder;
                await _lost.CancelAsync();
                return;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        try
        {
            if (LostTo is null) await _store.ReleaseAsync(_runId, _owner, CancellationToken.None);
        }
        catch (StoreUnavailableException)
        {
            // The store failed under the run (which is how we got here, usually): that failure is the one to report.
            // The lease expires on its own, and a resume on this machine replaces a dead holder at once.
        }
        _stop.Dispose();
        _lost.Dispose();
    }
}
