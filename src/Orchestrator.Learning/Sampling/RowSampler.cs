using Orchestrator.Learning.Model;
using Orchestrator.Learning.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Learning.Sampling;

/// <summary>
/// Continues prompts of one length together, each row with its own settings (<see cref="SamplingRow"/>), and reports
/// every token as it is chosen: what serving a model to many clients at once needs. The loop's own proposing uses
/// <see cref="Sampler"/>; for a greedy row both choose the same tokens.
/// </summary>
public sealed class RowSampler(DecoderTransformer model)
{
    /// <summary>
    /// Each row's generated tokens (up to, not including, the end token) and their log-probability at temperature 1.
    /// <paramref name="onToken"/> is called with (row, token) for every token a row generates, the end token excluded.
    /// </summary>
    /// <exception cref="ArgumentException">Rows of different prompt lengths, or a row whose settings cannot work.</exception>
    public SampledAnswer[] Generate(IReadOnlyList<SamplingRow> rows, Action<int, int>? onToken = null, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0) return [];
        foreach (var row in rows) row.Validate();
        var length = rows[0].Prompt.Length;
        if (rows.Any(r => r.Prompt.Length != length)) throw new ArgumentException("Rows of one batch have prompts of one length.", nameof(rows));

        var count = rows.Count;
        var outputs = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var logProbabilities = new double[count];
        var finished = new bool[count];
        var longest = rows.Max(r => r.MaxNewTokens);
        var wasTraining = model.training;
        model.eval();
        var device = model.parameters().First().device;
        using var noGrad = torch.no_grad();
        using var cache = new KvCache(model.Config.Layers);
        var input = torch.tensor(rows.SelectMany(r => r.Prompt.Select(t => (long)t)).ToArray(), [count, length], device: device);
        try
        {
            for (var step = 0; step < longest && !finished.All(done => done); step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double[] logits;
                using (var scope = torch.NewDisposeScope())
                    logits = model.Forward(input, cache)[.., -1, ..].to(ScalarType.Float64).cpu().data<double>().ToArray();
                var vocabulary = logits.Length / count;
                var next = new long[count];
                for (var row = 0; row < count; row++)
                {
                    var scores = new ReadOnlySpan<double>(logits, row * vocabulary, vocabulary);
                    var token = Choose(scores, rows[row]);
                    next[row] = token;
                    if (finished[row]) continue;
                    logProbabilities[row] += LogSoftmaxAt(scores, token);
                    if (token == CharTokenizer.EndId)
                    {
                        finished[row] = true;
                        continue;
                    }
                    outputs[row].Add(token);
                    onToken?.Invoke(row, token);
                    finished[row] = outputs[row].Count >= rows[row].MaxNewTokens;
                }
                input.Dispose();
                input = torch.tensor(next, [count, 1], device: device);
            }
        }
        finally
        {
            input.Dispose();
            model.train(wasTraining);
        }
        return outputs.Select((tokens, row) => new SampledAnswer(tokens.ToArray(), logProbabilities[row])).ToArray();
    }

    /// <summary>Greedy (the first highest score), or a draw from the row's nucleus at its temperature with its own source.</summary>
    private static int Choose(ReadOnlySpan<double> logits, SamplingRow row)
    {
        if (row.Temperature <= 0)
        {
            var best = 0;
            for (var id = 1; id < logits.Length; id++)
                if (logits[id] > logits[best]) best = id;
            return best;
        }
        var max = double.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        var probabilities = new double[logits.Length];
        var total = 0.0;
        for (var id = 0; id < logits.Length; id++) total += probabilities[id] = Math.Exp((logits[id] - max) / row.Temperature);
        var order = Enumerable.Range(0, logits.Length).OrderByDescending(id => probabilities[id]).ToArray();
        // The nucleus: the most likely tokens until their mass reaches top-p (at least one).
        var kept = 0;
        var mass = 0.0;
        while (kept < order.Length && (kept == 0 || mass < row.TopP * total)) mass += probabilities[order[kept++]];
        var target = row.Random!.NextDouble() * mass;
        for (var i = 0; i < kept; i++)
        {
            target -= probabilities[order[i]];
            if (target < 0) return order[i];
        }
        return order[kept - 1];
    }

    private static double LogSoftmaxAt(ReadOnlySpan<double> logits, int token)
    {
        var max = double.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        var sum = 0.0;
        foreach (var l in logits) sum += Math.Exp(l - max);
        return logits[token] - max - Math.Log(sum);
    }
}
