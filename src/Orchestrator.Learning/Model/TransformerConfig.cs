namespace Orchestrator.Learning.Model;

/// <summary>The shape of a <see cref="DecoderTransformer"/>; stored in every checkpoint.</summary>
/// <param name="VocabularySize">Number of token ids.</param>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="Width">Model width (embedding size).</param>
/// <param name="Heads">Attention heads; must divide <paramref name="Width"/>.</param>
/// <param name="MlpWidth">Hidden width of each block's MLP.</param>
/// <param name="Positions">Positional encoding; none by default.</param>
/// <param name="MaxSequenceLength">Longest sequence for learned or sinusoidal positions (NoPE has no limit).</param>
public sealed record TransformerConfig(
    int VocabularySize,
    int Layers = 4,
    int Width = 96,
    int Heads = 4,
    int MlpWidth = 384,
    PositionalEncoding Positions = PositionalEncoding.None,
    int MaxSequenceLength = 1024)
{
    /// <summary>Width of one attention head.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int HeadWidth => Width / Heads;

    /// <summary>Throws when the shape cannot be built.</summary>
    /// <exception cref="ArgumentException">A non-positive size, or heads that do not divide the width.</exception>
    public void Validate()
    {
        if (VocabularySize < 2 || Layers < 1 || Width < 1 || Heads < 1 || MlpWidth < 1 || MaxSequenceLength < 1)
        {
            throw new ArgumentException($"Every size of a transformer config must be positive: {this}.");
        }

        if (Width % Heads != 0)
        {
            throw new ArgumentException($"Width {Width} is not divisible by {Heads} heads.");
        }
    }
}
