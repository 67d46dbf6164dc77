using Orchestrator.Core.Loop.Records;
using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Tokenization;

namespace Orchestrator.Learning.Training;

/// <summary>Draws dataset records by their weights (which carry the fresh/replay mix), encoded once up front.</summary>
public sealed class WeightedExampleSource : IExampleSource
{
    private readonly TrainingExample[] examples;
    private readonly double[] cumulative;

    public WeightedExampleSource(IReadOnlyList<TrainingRecord> records, CharTokenizer tokenizer)
    {
        if (records.Count == 0) throw new ArgumentException("A dataset needs at least one record.", nameof(records));
        examples = records.Select(r => TaskExampleSource.Encode(tokenizer, r.Prompt, r.Answer)).ToArray();
        cumulative = new double[records.Count];
        var sum = 0.0;
        for (var i = 0; i < records.Count; i++)
        {
            if (!(records[i].Weight >= 0)) throw new ArgumentException($"Record {i} has weight {records[i].Weight}; weights are 0 or more.", nameof(records));
            cumulative[i] = sum += records[i].Weight;
        }
        if (sum <= 0) throw new ArgumentException("Every record has weight 0.", nameof(records));
    }

    public int Count => examples.Length;

    public TrainingExample Next(SeededRandom random)
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return examples[Math.Min(index, examples.Length - 1)];
    }
}
