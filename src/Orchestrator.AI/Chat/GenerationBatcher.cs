using System.Diagnostics;
using System.Threading.Channels;
using Orchestrator.Learning.Sampling;

namespace Orchestrator.AI.Chat;

/// <summary>
/// Batches the requests to one loaded model: while the sampler decodes one batch, new requests wait, and the next
/// batch takes every one of them with the same prompt length at once (up to <see cref="MaxBatch"/> rows), so clients
/// that arrive together share forward passes. Each row keeps its own settings and seed, so an answer does not depend
/// on what it was batched with. When fewer requests wait than the last batch held, it lingers up to
/// <see cref="Linger"/> for the rest: clients whose answers just came back are sending their next requests, and
/// without the wait a batch of 8 splits into two alternating batches of 4 that each cost a whole pass.
/// </summary>
internal sealed class GenerationBatcher : IAsyncDisposable
{
    private readonly Channel<Generation> _queue = Channel.CreateUnbounded<Generation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RowSampler _sampler;
    private readonly Task _loop;
    private long _batches;
    private long _rows;

    private int _lastBatch;

    public GenerationBatcher(RowSampler sampler, int maxBatch, TimeSpan linger)
    {
        _sampler = sampler;
        MaxBatch = maxBatch;
        Linger = linger;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public int MaxBatch { get; }

    /// <summary>The longest a batch waits for requests like the last batch's to arrive; against one decode pass (tens of ms), short.</summary>
    public TimeSpan Linger { get; }

    /// <summary>Forward-pass batches run so far, and the rows they held: rows per batch is how much batching happened.</summary>
    public (long Batches, long Rows) Counts => (Interlocked.Read(ref _batches), Interlocked.Read(ref _rows));

    /// <exception cref="ObjectDisposedException">The model was unloaded.</exception>
    public Task<SampledAnswer> GenerateAsync(SamplingRow row, Action<int>? onToken, CancellationToken cancellationToken)
    {
        var generation = new Generation(row, onToken, cancellationToken);
        if (!_queue.Writer.TryWrite(generation)) throw new ObjectDisposedException(nameof(GenerationBatcher), "the model was unloaded");
        return generation.Answer.Task;
    }

    private async Task RunAsync()
    {
        var pending = new List<Generation>();
        while (pending.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            while (_queue.Reader.TryRead(out var generation)) pending.Add(generation);
            foreach (var gone in pending.Where(g => g.CancellationToken.IsCancellationRequested)) gone.Answer.TrySetCanceled(gone.CancellationToken);
            pending.RemoveAll(g => g.Answer.Task.IsCompleted);
            if (pending.Count == 0) continue;
            // The longest-waiting request's length goes first; the others of that length ride along.
            var length = pending[0].Row.Prompt.Length;
            await LingerAsync(pending, length);
            var batch = pending.Where(g => g.Row.Prompt.Length == length).Take(MaxBatch).ToList();
            pending.RemoveAll(batch.Contains);
            Run(batch);
        }
    }

    private async Task LingerAsync(List<Generation> pending, int length)
    {
        var until = Stopwatch.GetTimestamp() + (long)(Linger.TotalSeconds * Stopwatch.Frequency);
        while (pending.Count(g => g.Row.Prompt.Length == length) < Math.Min(_lastBatch, MaxBatch))
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until);
            if (left <= TimeSpan.Zero) return;
            using var timeout = new CancellationTokenSource(left);
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(timeout.Token)) return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            while (_queue.Reader.TryRead(out var generation)) pending.Add(generation);
        }
    }

    private void Run(List<Generation> batch)
    {
        _lastBatch = batch.Count;
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _rows, batch.Count);
        try
        {
            var answers = _sampler.Generate(batch.Select(g => g.Row).ToList(), (row, token) =>
            {
                if (!batch[row].CancellationToken.IsCancellationRequested) batch[row].OnToken?.Invoke(token);
            });
            for (var i = 0; i < batch.Count; i++) batch[i].Answer.TrySetResult(answers[i]);
        }
        catch (Exception e)
        {
            foreach (var generation in batch) generation.Answer.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }
}
