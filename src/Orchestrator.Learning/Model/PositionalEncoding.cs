namespace Orchestrator.Learning.Model;

/// <summary>How the model learns where a token is.</summary>
public enum PositionalEncoding
{
    /// <summary>
    /// None (NoPE): causal attention alone reveals order. The default, because length generalisation is the point
    /// of the self-improvement loop and NoPE generalises past the trained lengths better than learned positions.
    /// </summary>
    None,

    /// <summary>A learned embedding per position, up to <see cref="TransformerConfig.MaxSequenceLength"/>.</summary>
    Learned,

    /// <summary>Fixed sinusoids added to the token embeddings.</summary>
    Sinusoidal,
}
