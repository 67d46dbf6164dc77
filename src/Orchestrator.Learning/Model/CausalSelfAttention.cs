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
        if (cache is not null)
        {
            (k, v) = cache.Append(layer, k, v);
        }

        var past = k.shape[2] - time;
        Tensor attended;
        if (time == 1)
        {
            // One new position may see everything before it: no mask needed.
            attended = nn.functional.scaled_dot_product_attention(q, k, v);
        }
        else if (past == 0)
        {
            attended = nn.functional.scaled_dot_product_attention(q, k, v, null, 0, true);
        }
        else
        {
            // Several new positions after a cached prefix: position i sees the prefix and new positions up to i.
            var allowed = torch.ones(time, past + time, dtype: ScalarType.Bool, device: input.device).tril(past);
            attended = nn.functional.scaled_dot_product_attention(q, k, v, allowed);
        }

        return output.call(attended.transpose(1, 2).contiguous().view(batch, time, width));
    }
}
