using System.Diagnostics;
using Orchestrator.Learning.Model;
using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Sampling;
using Orchestrator.Learning.Tokenization;
using TorchSharp;

namespace Orchestrator.Cli.Commands.Bench;

/// <summary>
/// Generation throughput on this machine: how fast a model of a given shape answers a batch of addition prompts of
/// one length, which is what proposing attempts and scoring the gate spend their time on.
/// </summary>
internal static class SamplingBench
{
    /// <summary>One measurement: the model's size, the work done and the time it took (mean of the repeats).</summary>
    /// <param name="Parameters">Trainable numbers of the model.</param>
    /// <param name="Prompts">Prompts answered.</param>
    /// <param name="BatchRows">Prompts decoded together.</param>
    /// <param name="DecodeSteps">Forward passes of one batch, summed over batches: a batch runs until its last row ends.</param>
    /// <param name="AnswerTokens">Tokens generated for all prompts, each one's end token included.</param>
    /// <param name="Seconds">Time to answer all prompts once.</param>
    public sealed record Result(long Parameters, int Prompts, int BatchRows, int DecodeSteps, long AnswerTokens, double Seconds)
    {
        /// <summary>Generated tokens per second over all prompts.</summary>
        public double TokensPerSecond => AnswerTokens / Seconds;

        /// <summary>Time of one decoding step for a whole batch.</summary>
        public double MillisecondsPerStep => Seconds * 1000 / DecodeSteps;

        /// <summary>
        /// The model's arithmetic per second while decoding: 2 x parameters per row and step (a forward pass's
        /// multiply-adds; attention over the cache ignored, as <c>bench throughput</c> ignores it for training).
        /// </summary>
        public double ModelGflops => 2.0 * Parameters * BatchRows / (MillisecondsPerStep / 1000) / 1e9;
    }

    public static Result Generate(int width, int layers, int digits, int prompts, int batch, double temperature, int repeats)
    {
        var tokenizer = CharTokenizer.Arithmetic;
        var config = new TransformerConfig(tokenizer.VocabularySize, layers, width, 4, width * 4);
        using var model = TorchSeeding.Create(1, () => new DecoderTransformer(config));
        var random = new SeededRandom(1);
        var encoded = Enumerable.Range(0, prompts).Select(_ => tokenizer.EncodePrompt(ReversedAddition.Prompt(ReversedAddition.RandomOperand(random, digits), ReversedAddition.RandomOperand(random, digits)))).ToList();

        var options = new SamplingOptions(digits + 2, temperature, batch);
        var sampler = new Sampler(model);
        sampler.Generate(encoded.Take(Math.Min(batch, prompts)).ToList(), options, random); // warm up allocator and kernels
        var clock = Stopwatch.StartNew();
        int[][] answers = [];
        for (var i = 0; i < repeats; i++) answers = sampler.Generate(encoded, options, random);
        var seconds = clock.Elapsed.TotalSeconds / repeats;

        // An answer shorter than the limit ended with the end token: one more step. All prompts have one length, so
        // the sampler's batches are consecutive runs of `batch` prompts.
        var steps = answers.Select(a => Math.Min(options.MaxNewTokens, a.Length + 1)).ToArray();
        var decodeSteps = steps.Chunk(batch).Sum(chunk => chunk.Max());
        return new Result(model.ParameterCount, prompts, Math.Min(batch, prompts), decodeSteps, steps.Sum(), seconds);
    }
}
