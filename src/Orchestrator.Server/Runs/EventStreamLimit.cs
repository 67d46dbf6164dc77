namespace Orchestrator.Server.Runs;

/// <summary>
/// How many run event streams may be open at once. Each one polls the store a few times a second for as long as its
/// client stays, so without a bound, clients that open streams and never read them would turn into an unbounded load
/// on the store; past the bound a new stream is refused (429) until one closes.
/// </summary>
public sealed class EventStreamLimit(int max)
{
    private int _open;

    public int Max { get; } = max;

    /// <summary>The streams open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>A slot for one stream, to dispose when it ends; null when <see cref="Max"/> are open.</summary>
    public IDisposable? TryEnter()
    {
        if (Interlocked.Increment(ref _open) <= Max) return new Slot(this);
        Interlocked.Decrement(ref _open);
        return null;
    }

    private sealed class Slot(EventStreamLimit limit) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) Interlocked.Decrement(ref limit._open);
        }
    }
}
