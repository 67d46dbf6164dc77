using Orchestrator.Learning.Randomness;

namespace Orchestrator.Learning.Training;

/// <summary>Draws from several sources at fixed ratios: how new data is mixed with replay of older data.</summary>
public sealed class MixedExampleSource : IExampleSource
{
    private readonly (IExampleSource Source, double Weight)[] parts;
    private readonly double total;

    /// <summary>A mix of sources, each drawn with probability proportional to its weight.</summary>
    public MixedExampleSource(params (IExampleSource Source, double Weight)[] parts)
    {
        if (parts.Length == 0 || parts.Any(part => part.Weight < 0 || double.IsNaN(part.Weight)) || parts.Sum(part => part.Weight) <= 0)
        {
            throw new ArgumentException("A mix needs at least one source and non-negative weights with a positive sum.", nameof(parts));
        }

        this.parts = parts;
        total = parts.Sum(part => part.Weight);
    }

    /// <inheritdoc />
    public TrainingExample Next(SeededRandom random)
    {
        var target = random.NextDouble() * total;
        foreach (var (source, weight) in parts)
        {
            target -= weight;
            if (target < 0)
            {
                return source.Next(random);
            }
        }

        return parts[^1].Source.Next(random);
    }
}
