namespace Orchestrator.Learning.Training;

/// <summary>A prompt and the answer the model should continue it with (the answer ends with the end token).</summary>
/// <param name="Prompt">Token ids the model is given; no loss is taken on them.</param>
/// <param name="Answer">Token ids the model must produce, end token included; the loss is taken only on these.</param>
public sealed record TrainingExample(int[] Prompt, int[] Answer)
{
    /// <summary>Prompt and answer together.</summary>
    public int Length => Prompt.Length + Answer.Length;
}
