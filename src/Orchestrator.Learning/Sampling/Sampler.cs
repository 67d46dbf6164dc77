using Orchestrator.Learning.Model;
using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Learning.Sampling;

/// <summary>Continues many prompts at once, greedily or with a temperature.</summary>
/// <remarks>
/// A model without positional encoding decodes prompts of several lengths in one batch: prompts are ordered by length
/// and cut into batches, and each row is left-padded to its batch's longest prompt with the padding masked out of
/// attention, so a row computes what it would alone. A model with positions gets batches of one length, with neither
/// padding nor a mask. Randomness for temperature sampling comes from a <see cref="SeededRandom"/> on the CPU, so a
/// run's samples repeat for its seed on any device.
/// </remarks>
public sealed class Sampler(DecoderTransformer model)
{
    /// <summary>
    /// The generated tokens of each prompt, in prompt order, up to (not including) the end token, or
    /// <see cref="SamplingOptions.MaxNewTokens"/> tokens when no end token came.
    /// </summary>
    /// <exception cref="ArgumentException">Temperature sampling without a random source, or an empty prompt.</exception>
    public int[][] Generate(IReadOnlyList<int[]> prompts, SamplingOptions options, SeededRandom? random = null) =>
        GenerateScored(prompts, options, random).Select(answer => answer.Tokens).ToArray();

    /// <summary>
    /// As <see cref="Generate"/>, with the model's log-probability of each continuation at temperature 1 (the end
    /// token included when it came): how likely the model itself finds the answer, whatever temperature chose it.
    /// </summary>
    public SampledAnswer[] GenerateScored(IReadOnlyList<int[]> prompts, SamplingOptions options, SeededRandom? random = null) =>
        GenerateScored(prompts, prompts.Select(_ => options.MaxNewTokens).ToArray(), options, random);

    /// <summary>
    /// As <see cref="GenerateScored(IReadOnlyList{int[]}, SamplingOptions, SeededRandom?)"/>, with a token limit per
    /// prompt (the end token included) instead of <see cref="SamplingOptions.MaxNewTokens"/>: a batch stops once its
    /// every row has ended or reached its own limit.
    /// </summary>
    public SampledAnswer[] GenerateScored(IReadOnlyList<int[]> prompts, IReadOnlyList<int> limits, SamplingOptions options, SeededRandom? random = null)
    {
        options.Validate();
        if (options.Temperature > 0 && random is null)
        {
            throw new ArgumentException("Sampling with a temperature needs a seeded random source.", nameof(random));
        }

        if (prompts.Any(prompt => prompt.Length == 0))
        {
            throw new ArgumentException("A prompt needs at least one token.", nameof(prompts));
        }

        if (limits.Count != prompts.Count || limits.Any(limit => limit <= 0))
        {
            throw new ArgumentException("Every prompt needs a positive token limit.", nameof(limits));
        }

        var results = new SampledAnswer[prompts.Count];
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var batch in Batches(prompts, options))
            {
                var generated = GenerateBatch(batch.Select(index => prompts[index]).ToArray(), batch.Select(index => limits[index]).ToArray(), options, random);
                for (var row = 0; row < batch.Length; row++)
                {
                    results[batch[row]] = generated[row];
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return results;
    }

    /// <summary>Prompt indices by batch: ordered by length, shortest first; mixed lengths only where padding is exact.</summary>
    private IEnumerable<int[]> Batches(IReadOnlyList<int[]> prompts, SamplingOptions options)
    {
        var ordered = Enumerable.Range(0, prompts.Count).OrderBy(index => prompts[index].Length);
        return options.UseKvCache && model.Config.Positions == PositionalEncoding.None
            ? ordered.Chunk(options.BatchSize)
            : ordered.GroupBy(index => prompts[index].Length).SelectMany(group => group.Chunk(options.BatchSize));
    }

    private SampledAnswer[] GenerateBatch(int[][] prompts, int[] limits, SamplingOptions options, SeededRandom? random)
    {
        var device = model.parameters().First().device;
        var rows = prompts.Length;
        var longest = prompts.Max(prompt => prompt.Length);
        var padding = prompts.Select(prompt => longest - prompt.Length).ToArray();
        var outputs = Enumerable.Range(0, rows).Select(_ => new List<int>()).ToArray();
        var logProbabilities = new double[rows];
        var produced = new int[rows];
        var finished = new bool[rows];
        using var cache = options.UseKvCache ? new KvCache(model.Config.Layers, longest + limits.Max(), padding) : null;
        var padded = prompts.SelectMany((prompt, row) => Enumerable.Repeat((long)CharTokenizer.PadId, padding[row]).Concat(prompt.Select(t => (long)t))).ToArray();
        var sequence = torch.tensor(padded, [rows, longest], device: device);
        var input = sequence.alias();
        try
        {
            for (var step = 0; !finished.All(done => done); step++)
            {
                long[] next;
                double[] chosenLogProbabilities;
                using (var scope = torch.NewDisposeScope())
                {
                    var logits = model.Forward(options.UseKvCache ? input : sequence, cache)[.., -1, ..];
                    next = Choose(logits, options.Temperature, random);
                    using var chosen = torch.tensor(next, [rows, 1], device: device);
                    chosenLogProbabilities = logits.to(ScalarType.Float64).log_softmax(-1).gather(1, chosen).cpu().data<double>().ToArray();
                }

                for (var row = 0; row < rows; row++)
                {
                    if (finished[row])
                    {
                        continue;
                    }

                    logProbabilities[row] += chosenLogProbabilities[row];
                    produced[row]++;
                    if (next[row] == CharTokenizer.EndId)
                    {
                        finished[row] = true;
                    }
                    else
                    {
                        outputs[row].Add((int)next[row]);
                        finished[row] = produced[row] >= limits[row];
                    }
                }

                input.Dispose();
                input = torch.tensor(next, [rows, 1], device: device);
                if (!options.UseKvCache)
                {
                    var longer = torch.cat([sequence, input], 1);
                    sequence.Dispose();
                    sequence = longer;
                }
            }
        }
        finally
        {
            input.Dispose();
            sequence.Dispose();
        }

        return outputs.Select((tokens, row) => new SampledAnswer(tokens.ToArray(), logProbabilities[row])).ToArray();
    }
    private static long[] Choose(Tensor logits, double temperature, SeededRandom? random)
    {
        if (temperature <= 0)
        {
            return logits.argmax(-1).cpu().data<long>().ToArray();
        }

        using Scalar divisor = temperature; // held for the call (see KeptScalars)
        var probabilities = logits.to(ScalarType.Float64).div(divisor).softmax(-1).cpu();
        var (rows, vocabulary) = ((int)probabilities.shape[0], (int)probabilities.shape[1]);
        var values = probabilities.data<double>().ToArray();
        var chosen = new long[rows];
        for (var row = 0; row < rows; row++)
        {
            // Inverse-CDF sampling with our own seeded source; the last id absorbs rounding.
            var target = random!.NextDouble();
            var token = vocabulary - 1;
            for (var id = 0; id < vocabulary; id++)
            {
                target -= values[(row * vocabulary) + id];
                if (target < 0)
                {
                    token = id;
                    break;
                }
            }

            chosen[row] = token;
        }

        return chosen;
    }
}
