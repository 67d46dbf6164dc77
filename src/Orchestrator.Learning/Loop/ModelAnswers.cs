using Orchestrator.Learning.Model;
using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Sampling;
using Orchestrator.Learning.Tokenization;

namespace Orchestrator.Learning.Loop;

/// <summary>Turns prompts into the model's answers as text, greedy or sampled.</summary>
public static class ModelAnswers
{
    /// <summary>
    /// One answer per prompt. Generation stops at the end token or after the prompt's length plus two tokens:
    /// every task here answers in fewer, and a model that rambles is wrong anyway.
    /// </summary>
    public static string[] Generate(LoadedModel model, IReadOnlyList<string> prompts, double temperature, SeededRandom? random, int batchSize) =>
        Generate(model.Model, model.Tokenizer, prompts, temperature, random, batchSize);

    /// <inheritdoc cref="Generate(LoadedModel, IReadOnlyList{string}, double, SeededRandom?, int)"/>
    public static string[] Generate(DecoderTransformer model, CharTokenizer tokenizer, IReadOnlyList<string> prompts, double temperature, SeededRandom? random, int batchSize) =>
        GenerateRounds(model, tokenizer, prompts, [temperature], random, batchSize)[0].Select(answer => answer.Text).ToArray();

    /// <summary>
    /// One answer per prompt and round, each round at its temperature (0: greedy), from one shared pass over each
    /// prompt (<see cref="Sampler.GenerateRounds"/>); <paramref name="batchSize"/> counts rows decoded at once.
    /// </summary>
    public static ScoredAnswer[][] GenerateRounds(LoadedModel model, IReadOnlyList<string> prompts, IReadOnlyList<double> temperatures, SeededRandom? random, int batchSize) =>
        GenerateRounds(model.Model, model.Tokenizer, prompts, temperatures, random, batchSize);

    private static ScoredAnswer[][] GenerateRounds(DecoderTransformer model, CharTokenizer tokenizer, IReadOnlyList<string> prompts, IReadOnlyList<double> temperatures, SeededRandom? random, int batchSize)
    {
        if (prompts.Count == 0) return temperatures.Select(_ => Array.Empty<ScoredAnswer>()).ToArray();
        var encoded = prompts.Select(tokenizer.EncodePrompt).ToList();
        // Each prompt's own limit; the sampler batches prompts of every length together where it can.
        var limits = encoded.Select(prompt => prompt.Length + 2).ToArray();
        var generated = new Sampler(model).GenerateRounds(encoded, limits, temperatures, new SamplingOptions(limits.Max(), 0, batchSize), random);
        return generated.Select(round => round.Select(answer => new ScoredAnswer(tokenizer.Decode(answer.Tokens), answer.Probability)).ToArray()).ToArray();
    }
}

/// <summary>An answer as text and the model's probability of it.</summary>
public sealed record ScoredAnswer(string Text, double Probability);
