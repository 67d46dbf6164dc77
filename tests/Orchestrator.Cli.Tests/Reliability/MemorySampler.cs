namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// The resident memory (VmRSS) of the processes that execute the runs, summed, read from /proc every 100 ms in the
/// background, with the peak seen. It counts native memory too: tensors or buffers never freed show up here.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly IReadOnlyList<int> _pids;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public MemorySampler(IReadOnlyList<int> pids)
    {
        _pids = pids;
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var now = Now();
                if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    /// <summary>The highest sum seen so far, in bytes.</summary>
    public long Peak => Math.Max(Interlocked.Read(ref _peak), Now());

    /// <summary>The sum now, in bytes (a process that has exited counts nothing).</summary>
    public long Now() => _pids.Sum(Resident);

    public static long Resident(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
