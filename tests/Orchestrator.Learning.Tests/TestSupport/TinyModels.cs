using Orchestrator.Learning.Model;
using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Sampling;
using Orchestrator.Learning.Tokenization;
using Orchestrator.Learning.Training;
using TorchSharp;

namespace Orchestrator.Learning.Tests.TestSupport;

/// <summary>Small shapes and helpers shared by the tests, so each test trains or samples in well under a second or a few.</summary>
internal static class TinyModels
{
    public static CharTokenizer Tokenizer => CharTokenizer.Arithmetic;

    public static TransformerConfig Config(PositionalEncoding positions = PositionalEncoding.None) =>
        new(Tokenizer.VocabularySize, Layers: 2, Width: 32, Heads: 4, MlpWidth: 64, Positions: positions, MaxSequenceLength: 64);

    public static DecoderTransformer Create(long seed, PositionalEncoding positions = PositionalEncoding.None) =>
        TorchSeeding.Create(seed, () => new DecoderTransformer(Config(positions)));

    public static List<int[]> AdditionPrompts(long seed, int count, int maxDigits)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Tokenizer.Encode(ReversedAddition.Prompt(
                ReversedAddition.RandomOperand(random, random.NextInt(1, maxDigits)),
                ReversedAddition.RandomOperand(random, random.NextInt(1, maxDigits)))))
            .ToList();
    }

    /// <summary>Fraction of items whose greedy answer matches exactly.</summary>
    public static double ExactMatch(DecoderTransformer model, IReadOnlyList<(string A, string B)> items)
    {
        var prompts = items.Select(item => Tokenizer.Encode(ReversedAddition.Prompt(item.A, item.B))).ToList();
        var answers = new Sampler(model).Generate(prompts, new SamplingOptions(MaxNewTokens: 8));
        return items.Select((item, i) => Tokenizer.Decode(answers[i]) == ReversedAddition.Answer(item.A, item.B)).Count(ok => ok) / (double)items.Count;
    }

    /// <summary>All parameters, flattened into one CPU array, for exact comparisons.</summary>
    public static float[] Weights(torch.nn.Module model) =>
        model.parameters().SelectMany(p => p.detach().cpu().flatten().data<float>().ToArray()).ToArray();

    public static TrainingOptions QuickOptions(long seed, int steps) => new()
    {
        TotalSteps = steps,
        BatchSize = 32,
        LearningRate = 3e-3,
        WarmupSteps = Math.Min(20, steps / 4),
        DecaySteps = steps / 4,
        Seed = seed,
        ProgressEvery = 10,
    };
}
