using Orchestrator.Learning.Randomness;

namespace Orchestrator.Learning.Training;

/// <summary>Draws training examples. All randomness comes from the given source, so a resumed run draws the same examples.</summary>
public interface IExampleSource
{
    /// <summary>The next example.</summary>
    TrainingExample Next(SeededRandom random);
}
