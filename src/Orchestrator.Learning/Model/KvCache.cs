using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Learning.Model;

/// <summary>
/// Keys and values of every layer for the tokens seen so far, so that generating one more token costs one
/// position of attention input instead of the whole sequence again.
/// </summary>
/// <remarks>Its tensors live outside any dispose scope; dispose the cache when the generation is done.</remarks>
public sealed class KvCache : IDisposable
{
    private readonly Tensor?[] keys;
    private readonly Tensor?[] values;

    /// <summary>An empty cache for a model with <paramref name="layers"/> blocks.</summary>
    public KvCache(int layers)
    {
        keys = new Tensor?[layers];
        values = new Tensor?[layers];
    }

    /// <summary>Number of positions cached.</summary>
    public long Length => keys[0]?.shape[2] ?? 0;

    /// <summary>Appends a layer's new keys and values ([batch, heads, new, headWidth]) and returns all of them.</summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor newKeys, Tensor newValues)
    {
        var allKeys = keys[layer] is { } oldKeys ? torch.cat([oldKeys, newKeys], 2) : newKeys.alias();
        var allValues = values[layer] is { } oldValues ? torch.cat([oldValues, newValues], 2) : newValues.alias();
        keys[layer]?.Dispose();
        values[layer]?.Dispose();

        // Detached from the caller's dispose scope: the cache outlives each decoding step.
        keys[layer] = allKeys.DetachFromDisposeScope();
        values[layer] = allValues.DetachFromDisposeScope();
        return (allKeys, allValues);
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
    }
}
