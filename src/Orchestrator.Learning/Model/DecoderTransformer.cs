using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Orchestrator.Learning.Model;

/// <summary>A decoder-only transformer: token ids [batch, time] in, next-token logits [batch, time, vocabulary] out.</summary>
public sealed class DecoderTransformer : nn.Module<Tensor, Tensor>
{
    private readonly Embedding token_embedding;
    private readonly Embedding? position_embedding;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm final_norm;
    private readonly Linear head;

    /// <summary>A freshly initialised model; seed Torch first (<see cref="Randomness.TorchSeeding"/>) for repeatable weights.</summary>
    /// <remarks>
    /// Keeps Torch's default initialisation: measured on 1–3 digit addition, GPT-2's N(0, 0.02) start trained
    /// about half as fast at these small widths (25% vs 47% exact match after 1,500 steps).
    /// </remarks>
    public DecoderTransformer(TransformerConfig config) : base(nameof(DecoderTransformer))
    {
        config.Validate();
        Config = config;
        token_embedding = nn.Embedding(config.VocabularySize, config.Width);
        if (config.Positions == PositionalEncoding.Learned)
        {
            position_embedding = nn.Embedding(config.MaxSequenceLength, config.Width);
        }

        blocks = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new TransformerBlock(config)).ToArray());
        final_norm = nn.LayerNorm(config.Width);
        head = nn.Linear(config.Width, config.VocabularySize, hasBias: false);
        RegisterComponents();
    }

    /// <summary>The shape this model was built with.</summary>
    public TransformerConfig Config { get; }

    /// <summary>Number of trainable numbers.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <inheritdoc />
    public override Tensor forward(Tensor tokens) => Forward(tokens, null);

    /// <summary>Logits for <paramref name="tokens"/>, which continue the positions already in <paramref name="cache"/> (if any).</summary>
    public Tensor Forward(Tensor tokens, KvCache? cache)
    {
        var past = cache?.Length ?? 0;
        var time = tokens.shape[1];
        if (cache is { IsPadded: true } && Config.Positions != PositionalEncoding.None)
        {
            throw new ArgumentException("Left-padded rows need a model without positional encoding: padding would shift every position.", nameof(cache));
        }

        if (Config.Positions != PositionalEncoding.None && past + time > Config.MaxSequenceLength)
        {
            throw new ArgumentException(
                $"Sequence of {past + time} tokens is longer than the model's {Config.MaxSequenceLength} positions.", nameof(tokens));
        }

        var x = token_embedding.call(tokens);
        if (position_embedding is not null)
        {
            using Scalar first = past, end = past + time;
            x = x.add(position_embedding.call(torch.arange(first, end, dtype: ScalarType.Int64, device: tokens.device)), KeptScalars.One);
        }
        else if (Config.Positions == PositionalEncoding.Sinusoidal)
        {
            x = x.add(Sinusoids(past, time, Config.Width, tokens.device), KeptScalars.One);
        }

        for (var layer = 0; layer < blocks.Count; layer++)
        {
            x = blocks[layer].Forward(x, cache, layer);
        }

        return head.call(final_norm.call(x));
    }

    /// <summary>The classic fixed encoding: sin and cos of the position at geometrically spaced frequencies.</summary>
    private static Tensor Sinusoids(long start, long time, int width, Device device)
    {
        // Scalars held until the end (see KeptScalars).
        using Scalar first = start, end = start + time, zero = 0, last = width, two = 2, rate = -Math.Log(10000.0) / width;
        var positions = torch.arange(first, end, dtype: ScalarType.Float32, device: device).unsqueeze(1);
        var frequencies = torch.exp(torch.arange(zero, last, two, dtype: ScalarType.Float32, device: device).mul(rate));
        var angles = positions * frequencies;
        var encoding = torch.zeros(time, width, device: device);
        encoding[.., TensorIndex.Slice(0, null, 2)] = angles.sin();
        encoding[.., TensorIndex.Slice(1, null, 2)] = angles.cos()[.., ..(width / 2)];
        return encoding;
    }
}
