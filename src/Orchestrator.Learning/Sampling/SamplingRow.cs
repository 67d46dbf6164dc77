using Orchestrator.Learning.Randomness;

namespace Orchestrator.Learning.Sampling;

/// <summary>
/// One sequence of a <see cref="RowSampler"/> batch with settings of its own, so requests of different clients (each
/// with its temperature, nucleus, token limit and seed) can share one forward pass.
/// </summary>
/// <param name="Prompt">The prompt's token ids (every row of a batch has the same length).</param>
/// <param name="MaxNewTokens">Most tokens generated, the end token included.</param>
/// <param name="Temperature">0 for greedy; above 0 samples from softmax(logits / temperature).</param>
/// <param name="TopP">Nucleus sampling: only the most likely tokens whose probabilities add up to this are drawn from; 1 for all.</param>
/// <param name="Random">The row's own source: its samples depend on its seed, never on what it was batched with.</param>
public sealed record SamplingRow(int[] Prompt, int MaxNewTokens, double Temperature = 0, double TopP = 1, SeededRandom? Random = null)
{
    /// <exception cref="ArgumentException">Settings that cannot work.</exception>
    public void Validate()
    {
        if (Prompt.Length == 0) throw new ArgumentException("A prompt needs at least one token.", nameof(Prompt));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNewTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(Temperature);
        if (!(TopP > 0 && TopP <= 1)) throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "top-p is above 0 and at most 1");
        if (Temperature > 0 && Random is null) throw new ArgumentException("Sampling with a temperature needs a seeded random source.", nameof(Random));
    }
}
