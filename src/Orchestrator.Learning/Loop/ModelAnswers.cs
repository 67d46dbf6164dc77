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
    public static string[] Generate(DecoderTransformer model, CharTokenizer tokenizer, IReadOnlyList<string> prompts, double temperature, SeededRandom? random, int batchSize)
    {
        if (prompts.Count == 0) return [];
        var encoded = prompts.Select(tokenizer.EncodePrompt).ToList();
        var sampler = new Sampler(model);
        var answers = new string[prompts.Count];
        // Group by prompt length so each group gets a fitting token limit; the sampler batches within a group.
        foreach (var group in Enumerable.Range(0, prompts.Count).GroupBy(i => encoded[i].Length))
        {
            var indices = group.ToArray();
            var options = new SamplingOptions(group.Key + 2, temperature, batchSize);
            var generated = sampler.Generate(indices.Select(i => encoded[i]).ToList(), options, random);
            for (var row = 0; row < indices.Length; row++) answers[indices[row]] = tokenizer.Decode(generated[row]);
        }
        return answers;
    }
}
