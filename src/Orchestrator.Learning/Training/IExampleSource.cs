using Orchestrator.Learning.Randomness;

namespace Orchestrator.Learning.Training;

/// <summary>Draws training examples. All randomness comes from the given source, so a resumed run draws the same examples.</summary>
public interface IExampleSource
{
    /// <summary>The next example.</summary>
    TrainingExample Next(SeededRandom random);

    /// <summary>
    /// Told the optimizer step before each batch is drawn, for sources whose data changes over training (a length
    /// curriculum). It is the step itself, not a count of calls, so a resumed run draws what an uninterrupted one would.
    /// </summary>
    void AtStep(int step)
    {
    }
}
