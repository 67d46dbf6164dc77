namespace Orchestrator.Learning.Sampling;

/// <summary>How <see cref="Sampler"/> generates.</summary>
/// <param name="MaxNewTokens">Most tokens generated per prompt, the end token included.</param>
/// <param name="Temperature">0 for greedy (argmax); above 0 samples from softmax(logits / temperature).</param>
/// <param name="BatchSize">Most prompts run together.</param>
/// <param name="UseKvCache">Reuse keys and values of earlier positions; off only to check the cache.</param>
public sealed record SamplingOptions(int MaxNewTokens, double Temperature = 0, int BatchSize = 256, bool UseKvCache = true)
{
    /// <summary>Throws for options that cannot work.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive count or a negative temperature.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNewTokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(Temperature);
    }
}
