using System.Diagnostics;
using Orchestrator.Learning.Model;
using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Sampling;
using Orchestrator.Learning.Tokenization;
using TorchSharp;

namespace Orchestrator.Cli.Commands.Bench;

/// <summary>
/// Generation throughput on this machine: how fast a model of a given shape answers addition prompts, which is what
/// proposing attempts and scoring the gate spend their time on. The prompts may span several lengths and be answered
/// several times each (greedy, then samples at the temperature), as a round of the loop asks.
/// </summary>
internal static class SamplingBench
{
    /// <summary>One measurement: the model's size, the work done and the time it took (mean of the repeats).</summary>
    /// <param name="Parameters">Trainable numbers of the model.</param>
    /// <param name="Answers">Answers generated: prompts x rounds.</param>
    /// <param name="Tokens">Tokens passed through the model for them: every prompt's tokens once per pass over it, and every answer's tokens with its end token.</param>
    /// <param name="Seconds">Time to answer all prompts once.</param>
    public sealed record Result(long Parameters, int Answers, long Tokens, double Seconds)
    {
        /// <summary>Tokens through the model per second.</summary>
        public double TokensPerSecond => Tokens / Seconds;

        /// <summary>
        /// The model's arithmetic per second: 2 x parameters per token passed forward (multiply-adds of the weights;
        /// attention over the cache and padding ignored, as <c>bench throughput</c> ignores them for training).
        /// </summary>
        public double ModelGflops => 2.0 * Parameters * TokensPerSecond / 1e9;
    }

    /// <summary>
    /// Answers <c>prompts</c> prompts spread over <c>span</c> consecutive operand lengths from <c>digits</c>, <c>rounds</c>
    /// times each (1: at <c>temperature</c>; more: a greedy answer and rounds - 1 samples, from one shared pass over each prompt).
    /// </summary>
    public static Result Generate(int width, int layers, int digits, int span, int prompts, int batch, double temperature, int rounds, int repeats)
    {
        var tokenizer = CharTokenizer.Arithmetic;
        var config = new TransformerConfig(tokenizer.VocabularySize, layers, width, 4, width * 4);
        using var model = TorchSeeding.Create(1, () => new DecoderTransformer(config));
        var random = new SeededRandom(1);
        var encoded = Enumerable.Range(0, prompts).Select(i => digits + i % span)
            .Select(n => tokenizer.EncodePrompt(ReversedAddition.Prompt(ReversedAddition.RandomOperand(random, n), ReversedAddition.RandomOperand(random, n)))).ToList();
        var limits = encoded.Select(prompt => prompt.Length + 2).ToArray();
        var temperatures = rounds == 1 ? [temperature] : new[] { 0.0 }.Concat(Enumerable.Repeat(temperature, rounds - 1)).ToArray();
        var options = new SamplingOptions(limits.Max(), temperature, batch);
        var sampler = new Sampler(model);
        SampledAnswer[][] Answer(IReadOnlyList<int[]> some) => sampler.GenerateRounds(some, limits.Take(some.Count).ToArray(), temperatures, options, random);

        Answer(encoded.Take(Math.Min(batch, prompts)).ToList()); // warm up allocator and kernels
        var clock = Stopwatch.StartNew();
        SampledAnswer[][] answers = [];
        for (var i = 0; i < repeats; i++) answers = Answer(encoded);
        var seconds = clock.Elapsed.TotalSeconds / repeats;

        // Each prompt passes through the model once, whatever the rounds; an answer shorter than its limit ended with
        // the end token, which the model computed too.
        var answerTokens = answers.Sum(round => round.Select((a, i) => (long)Math.Min(limits[i], a.Tokens.Length + 1)).Sum());
        return new Result(model.ParameterCount, prompts * rounds, encoded.Sum(p => (long)p.Length) + answerTokens, seconds);
    }
}
