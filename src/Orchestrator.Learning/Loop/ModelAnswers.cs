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
        GenerateScored(model, tokenizer, prompts, temperature, random, batchSize).Select(answer => answer.Text).ToArray();

    /// <summary>As <see cref="Generate(LoadedModel, IReadOnlyList{string}, double, SeededRandom?, int)"/>, with the model's probability of each answer.</summary>
    public static ScoredAnswer[] GenerateScored(LoadedModel model, IReadOnlyList<string> prompts, double temperature, SeededRandom? random, int batchSize) =>
        GenerateScored(model.Model, model.Tokenizer, prompts, temperature, random, batchSize);

    private static ScoredAnswer[] GenerateScored(DecoderTransformer model, CharTokenizer tokenizer, IReadOnlyList<string> prompts, double temperature, SeededRandom? random, int batchSize)
    {
        if (prompts.Count == 0) return [];
        var encoded = prompts.Select(tokenizer.EncodePrompt).ToList();
        var sampler = new Sampler(model);
        var answers = new ScoredAnswer[prompts.Count];
        // Group by prompt length so each group gets a fitting token limit; the sampler batches within a group.
        foreach (var group in Enumerable.Range(0, prompts.Count).GroupBy(i => encoded[i].Length))
        {
            var indices = group.ToArray();
            var options = new SamplingOptions(group.Key + 2, temperature, batchSize);
            var generated = sampler.GenerateScored(indices.Select(i => encoded[i]).ToList(), options, random);
            for (var row = 0; row < indices.Length; row++) answers[indices[row]] = new ScoredAnswer(tokenizer.Decode(generated[row].Tokens), generated[row].Probability);
        }
        return answers;
    }
}

/// <summary>An answer as text and the model's probability of it.</summary>
public sealed record ScoredAnswer(string Text, double Probability);
