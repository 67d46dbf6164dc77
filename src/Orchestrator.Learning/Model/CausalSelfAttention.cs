using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Orchestrator.Learning.Model;

/// <summary>Multi-head self-attention where each position sees only itself and earlier positions.</summary>
public sealed class CausalSelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear query_key_value;
    private readonly Linear output;
    private readonly int heads;

    /// <summary>Attention of the given config's width and heads.</summary>
    public CausalSelfAttention(TransformerConfig config) : base(nameof(CausalSelfAttention))
    {
        query_key_value = nn.Linear(config.Width, 3L * config.Width);
        output = nn.Linear(config.Width, config.Width);
        heads = config.Heads;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Forward(input, null, 0);

    /// <summary>Attention over <paramref name="input"/> [batch, time, width], continuing the cached positions of <paramref name="layer"/>.</summary>
    public Tensor Forward(Tensor input, KvCache? cache, int layer)
    {
        var (batch, time, width) = (input.shape[0], input.shape[1], input.shape[2]);
        var qkv = query_key_value.call(input).view(batch, time, 3, heads, width / heads).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (qkv[0], qkv[1], qkv[2]);
        var attended = cache is null
            ? nn.functional.scaled_dot_product_attention(q, k, v, null, 0, true)
            : Cached(q, k, v, cache, layer);
        return output.call(attended.transpose(1, 2).contiguous().view(batch, time, width));
    }

    private Tensor Cached(Tensor q, Tensor k, Tensor v, KvCache cache, int layer)
    {
        var time = q.shape[2];
        var (keysTransposed, values) = cache.Append(layer, k, v);
        var positions = keysTransposed.shape[3];
        var past = positions - time;
        var padding = cache.PaddingMask(positions, q.device);
        if (time == 1)
        {
            // One new position sees everything before it: its scores are one matmul over the cache, no copy, no causal
            // mask. Written out rather than through scaled_dot_product_attention, which copies the cache's view first.
            using Scalar scale = 1.0 / Math.Sqrt(q.shape[3]);
            var scores = torch.matmul(q, keysTransposed).mul_(scale);
            if (padding is not null) scores = scores.masked_fill_(padding, KeptScalars.NegativeInfinity);
            return torch.matmul(scores.softmax(-1), values);
        }

        if (past == 0 && padding is null)
        {
            return nn.functional.scaled_dot_product_attention(q, k, v, null, 0, true);
        }

        // Several new positions after a cached prefix, or padded rows: position i sees the prefix and new positions up
        // to i, never padding. A padding position sees itself, so no row of its scores is empty (no NaN); nothing
        // that is not padding reads it.
        var allowed = torch.ones(time, positions, dtype: ScalarType.Bool, device: q.device).tril(past);
        if (padding is not null)
        {
            var itself = torch.eye(time, positions, dtype: ScalarType.Bool, device: q.device).roll(past, 1);
            allowed = allowed.logical_and(padding.logical_not()).logical_or(itself);
        }

        return nn.functional.scaled_dot_product_attention(q, keysTransposed.transpose(2, 3), values, allowed);
    }
}
