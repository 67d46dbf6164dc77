using Orchestrator.Core.Engine.Store;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Keeps the lease on a run while it executes: renews it every third of its duration, and if it is ever lost
/// (this process stalled past the lease and another took the run over) signals <see cref="Lost"/> so the
/// execution stops at the next step boundary instead of running alongside the new holder. Releases it at the end.
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

    public RunLeaseKeeper(IRunStore store, string runId, string owner, TimeSpan duration, TimeProvider time)
    {
        (_store, _runId, _owner, _duration, _time) = (store, runId, owner, duration, time);
        _renewing = RenewAsync();
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
                    claim = await _store.ClaimAsync(_runId, _owner, _time.GetUtcNow(), _duration, null, _stop.Token);
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
        if (LostTo is null) await _store.ReleaseAsync(_runId, _owner, CancellationToken.None);
        _stop.Dispose();
        _lost.Dispose();
    }
}
