using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Orchestrator.Learning.Model;

/// <summary>
/// One pre-norm block: x + attention(norm(x)), then x + mlp(norm(x)). Normalising before each sub-layer keeps
/// the residual path clean, which trains stably without a long warmup.
/// </summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm attention_norm;
    private readonly CausalSelfAttention attention;
    private readonly LayerNorm mlp_norm;
    private readonly Linear mlp_in;
    private readonly Linear mlp_out;

    /// <summary>A block of the given config's shape.</summary>
    public TransformerBlock(TransformerConfig config) : base(nameof(TransformerBlock))
    {
        attention_norm = nn.LayerNorm(config.Width);
        attention = new CausalSelfAttention(config);
        mlp_norm = nn.LayerNorm(config.Width);
        mlp_in = nn.Linear(config.Width, config.MlpWidth);
        mlp_out = nn.Linear(config.MlpWidth, config.Width);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Forward(input, null, 0);

    /// <summary>The block over <paramref name="input"/>, using and extending <paramref name="cache"/> for this <paramref name="layer"/>.</summary>
    public Tensor Forward(Tensor input, KvCache? cache, int layer)
    {
        // Explicit alphas instead of operator +: see KeptScalars.
        var x = input.add(attention.Forward(attention_norm.call(input), cache, layer), KeptScalars.One);
        return x.add(mlp_out.call(nn.functional.gelu(mlp_in.call(mlp_norm.call(x)))), KeptScalars.One);
    }
}
