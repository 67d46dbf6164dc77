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
    public SampledAnswer[] GenerateScored(IReadOnlyList<int[]> prompts, IReadOnlyList<int> limits, SamplingOptions options, SeededRandom? random = null) =>
        GenerateRounds(prompts, limits, [options.Temperature], options, random)[0];

    /// <summary>
    /// Several continuations of every prompt, one per entry of <paramref name="temperatures"/> (0 for greedy), from one
    /// shared pass over each prompt: the prompt's keys and values are computed once and copied to every round's rows,
    /// which then decode together. <see cref="SamplingOptions.BatchSize"/> counts the rows decoded at once, so a batch
    /// holds BatchSize / rounds prompts. Returns the answers by round, each in prompt order. Random draws follow rows
    /// in order, round by round, so one round at one temperature draws exactly as
    /// <see cref="GenerateScored(IReadOnlyList{int[]}, IReadOnlyList{int}, SamplingOptions, SeededRandom?)"/> does.
    /// </summary>
    /// <exception cref="ArgumentException">No rounds, a sampled round without a random source, an empty prompt, or limits that do not fit.</exception>
    public SampledAnswer[][] GenerateRounds(IReadOnlyList<int[]> prompts, IReadOnlyList<int> limits, IReadOnlyList<double> temperatures, SamplingOptions options, SeededRandom? random = null)
    {
        options.Validate();
        if (temperatures.Count == 0 || temperatures.Any(t => t < 0 || double.IsNaN(t)))
        {
            throw new ArgumentException("Give at least one round, each with a temperature of 0 (greedy) or more.", nameof(temperatures));
        }

        if (temperatures.Any(t => t > 0) && random is null)
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

        var rounds = temperatures.Count;
        var results = Enumerable.Range(0, rounds).Select(_ => new SampledAnswer[prompts.Count]).ToArray();
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var batch in Batches(prompts, Math.Max(1, options.BatchSize / rounds), options.UseKvCache))
            {
                var generated = GenerateBatch(batch.Select(index => prompts[index]).ToArray(), batch.Select(index => limits[index]).ToArray(), temperatures, options.UseKvCache, random);
                for (var round = 0; round < rounds; round++)
                for (var row = 0; row < batch.Length; row++)
                {
                    results[round][batch[row]] = generated[(round * batch.Length) + row];
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
    private IEnumerable<int[]> Batches(IReadOnlyList<int[]> prompts, int size, bool cached)
    {
        var ordered = Enumerable.Range(0, prompts.Count).OrderBy(index => prompts[index].Length);
        return cached && model.Config.Positions == PositionalEncoding.None
            ? ordered.Chunk(size)
            : ordered.GroupBy(index => prompts[index].Length).SelectMany(group => group.Chunk(size));
    }

    /// <summary>
    /// Decodes a batch: every prompt once per round, rows ordered round by round. With the cache, the prompts pass
    /// through the model once and the cache is copied to every round's rows; without it (only to check the cache), each
    /// step runs the whole sequence again.
    /// </summary>
    private SampledAnswer[] GenerateBatch(int[][] prompts, int[] promptLimits, IReadOnlyList<double> temperatures, bool cached, SeededRandom? random)
    {
        var device = model.parameters().First().device;
        var (count, rounds) = (prompts.Length, temperatures.Count);
        var rows = count * rounds;
        var longest = prompts.Max(prompt => prompt.Length);
        var padding = prompts.Select(prompt => longest - prompt.Length).ToArray();
        var limits = Enumerable.Range(0, rows).Select(row => promptLimits[row % count]).ToArray();
        var outputs = Enumerable.Range(0, rows).Select(_ => new List<int>()).ToArray();
        var logProbabilities = new double[rows];
        var produced = new int[rows];
        var finished = new bool[rows];
        using var cache = cached ? new KvCache(model.Config.Layers, longest + promptLimits.Max(), padding) : null;
        var padded = prompts.SelectMany((prompt, row) => Enumerable.Repeat((long)CharTokenizer.PadId, padding[row]).Concat(prompt.Select(t => (long)t))).ToArray();
        var sequence = torch.tensor(padded, [count, longest], device: device);
        if (rounds > 1 && !cached) sequence = Repeated(sequence, rounds);
        var input = sequence.alias();
        try
        {
            for (var step = 0; !finished.All(done => done); step++)
            {
                long[] next;
                double[] chosenLogProbabilities;
                using (var scope = torch.NewDisposeScope())
                {
                    var logits = model.Forward(cached ? input : sequence, cache)[.., -1, ..];
                    if (step == 0 && cached && rounds > 1)
                    {
                        // The prompts went through once; every round continues from the same keys and values.
                        logits = logits.repeat(rounds, 1);
                        cache!.Repeat(rounds);
                    }

                    next = Choose(logits, temperatures, count, random);
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
                if (!cached)
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

    private static Tensor Repeated(Tensor rows, int times)
    {
        var repeated = rows.repeat(times, 1);
        rows.Dispose();
        return repeated;
    }

    /// <summary>Each row's next token: the rows of round r are rows r x count to (r + 1) x count, at that round's temperature.</summary>
    private static long[] Choose(Tensor logits, IReadOnlyList<double> temperatures, int count, SeededRandom? random)
    {
        if (temperatures.Count == 1) return Choose(logits, temperatures[0], random);
        var chosen = new long[logits.shape[0]];
        for (var round = 0; round < temperatures.Count; round++)
        {
            using var rows = logits.narrow(0, round * count, count);
            Choose(rows, temperatures[round], random).CopyTo(chosen, round * count);
        }

        return chosen;
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
