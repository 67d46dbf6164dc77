using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Learning.Model;

/// <summary>
/// Keys and values of every layer for the tokens seen so far, so that generating one more token costs one
/// position of attention input instead of the whole sequence again.
/// </summary>
/// <remarks>
/// <para>
/// Buffers are reserved up front (growing by doubling when a sequence outruns them) and each new position is written
/// in place. Concatenating instead allocated a fresh copy of every layer's cache at every step; at 512 rows and 76
/// positions those copies were most of a decoding step, page faults of the new memory included.
/// </para>
/// <para>
/// Keys are stored transposed, [batch, heads, headWidth, capacity], so a single new query's scores are one batched
/// matmul over a view of the buffer with no copy; values are [batch, heads, capacity, headWidth].
/// </para>
/// <para>
/// Rows may be left-padded (<see cref="KvCache(int, int, IReadOnlyList{int}?)"/>): prompts of several lengths then
/// share a batch. Padding positions are masked out of every attention, so with no positional encoding a padded row
/// computes what it would alone.
/// </para>
/// Its tensors live outside any dispose scope; dispose the cache when the generation is done.
/// </remarks>
public sealed class KvCache : IDisposable
{
    private readonly Tensor?[] keys;
    private readonly Tensor?[] values;
    private readonly long[] lengths;
    private readonly int capacityHint;
    private long[]? padding;
    private Tensor? paddingMask;

    /// <summary>An empty cache for a model with <paramref name="layers"/> blocks.</summary>
    /// <param name="layers">Blocks of the model.</param>
    /// <param name="capacity">Positions to reserve (prompt plus new tokens); 0 reserves what the first call brings.</param>
    /// <param name="padding">Per row, the number of padding tokens at its start; null when no row is padded.</param>
    public KvCache(int layers, int capacity = 0, IReadOnlyList<int>? padding = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        keys = new Tensor?[layers];
        values = new Tensor?[layers];
        lengths = new long[layers];
        capacityHint = capacity;
        if (padding is not null && padding.Any(p => p > 0)) this.padding = padding.Select(p => (long)p).ToArray();
    }

    /// <summary>Number of positions cached.</summary>
    public long Length => lengths[0];

    /// <summary>Whether some row starts with padding (only a model without positional encoding can use that).</summary>
    public bool IsPadded => padding is not null;

    /// <summary>
    /// Appends a layer's new keys and values ([batch, heads, new, headWidth]) and returns all of them as views of the
    /// buffers: keys transposed ([batch, heads, headWidth, positions]), values as given.
    /// </summary>
    internal (Tensor KeysTransposed, Tensor Values) Append(int layer, Tensor newKeys, Tensor newValues)
    {
        var time = newKeys.shape[2];
        var start = lengths[layer];
        Reserve(layer, newKeys, start + time);
        keys[layer]!.narrow(3, start, time).copy_(newKeys.transpose(2, 3));
        values[layer]!.narrow(2, start, time).copy_(newValues);
        lengths[layer] = start + time;
        return (keys[layer]!.narrow(3, 0, start + time), values[layer]!.narrow(2, 0, start + time));
    }

    /// <summary>
    /// True where a key position is padding, [batch, 1, 1, positions], for the first <paramref name="positions"/>
    /// positions; null when no row is padded.
    /// </summary>
    internal Tensor? PaddingMask(long positions, Device device)
    {
        if (padding is null) return null;
        if (paddingMask is null || paddingMask.shape[3] < positions)
        {
            paddingMask?.Dispose();
            var capacity = Math.Max(positions, keys[0]?.shape[3] ?? 0);
            using var scope = torch.NewDisposeScope();
            var starts = torch.tensor(padding, [padding.Length, 1, 1, 1], device: device);
            using Scalar first = 0, end = capacity;
            var position = torch.arange(first, end, dtype: ScalarType.Int64, device: device).view(1, 1, 1, capacity);
            paddingMask = position.lt(starts).DetachFromDisposeScope();
        }
        return paddingMask.narrow(3, 0, positions);
    }

    /// <summary>
    /// Repeats every row <paramref name="times"/> times along the batch, all rows once, then all again: several
    /// continuations of the same prompts share the pass that filled the cache.
    /// </summary>
    internal void Repeat(int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        if (times == 1) return;
        for (var layer = 0; layer < keys.Length; layer++)
        {
            keys[layer] = Repeated(keys[layer], times);
            values[layer] = Repeated(values[layer], times);
        }

        if (padding is not null) padding = Enumerable.Repeat(padding, times).SelectMany(p => p).ToArray();
        paddingMask?.Dispose();
        paddingMask = null;
    }

    private static Tensor? Repeated(Tensor? buffer, int times)
    {
        if (buffer is null) return null;
        var repeated = buffer.repeat(times, 1, 1, 1).DetachFromDisposeScope();
        buffer.Dispose();
        return repeated;
    }

    private void Reserve(int layer, Tensor like, long needed)
    {
        var held = keys[layer]?.shape[3] ?? 0;
        if (needed <= held) return;
        var capacity = Math.Max(needed, Math.Max(capacityHint, 2 * held));
        var (batch, heads, width) = (like.shape[0], like.shape[1], like.shape[3]);
        var grownKeys = torch.empty([batch, heads, width, capacity], like.dtype, like.device);
        var grownValues = torch.empty([batch, heads, capacity, width], like.dtype, like.device);
        if (keys[layer] is { } oldKeys && values[layer] is { } oldValues)
        {
            var kept = lengths[layer];
            grownKeys.narrow(3, 0, kept).copy_(oldKeys.narrow(3, 0, kept));
            grownValues.narrow(2, 0, kept).copy_(oldValues.narrow(2, 0, kept));
            oldKeys.Dispose();
            oldValues.Dispose();
        }

        // Detached from the caller's dispose scope: the cache outlives each decoding step.
        keys[layer] = grownKeys.DetachFromDisposeScope();
        values[layer] = grownValues.DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i]?.Dispose();
            values[i]?.Dispose();
            keys[i] = values[i] = null;
        }

        paddingMask?.Dispose();
        paddingMask = null;
    }
}
