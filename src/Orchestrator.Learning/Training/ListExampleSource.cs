using Orchestrator.Learning.Randomness;

namespace Orchestrator.Learning.Training;

/// <summary>Draws uniformly, with replacement, from a fixed list (e.g. a stored dataset).</summary>
public sealed class ListExampleSource : IExampleSource
{
    private readonly IReadOnlyList<TrainingExample> examples;

    /// <summary>A source over <paramref name="examples"/>, which must not be empty.</summary>
    public ListExampleSource(IReadOnlyList<TrainingExample> examples)
    {
        if (examples.Count == 0)
        {
            throw new ArgumentException("A list source needs at least one example.", nameof(examples));
        }

        this.examples = examples;
    }

    /// <inheritdoc />
    public TrainingExample Next(SeededRandom random) => examples[random.NextInt(examples.Count)];
}
