namespace Orchestrator.Core.Loop.Records;

/// <summary>
/// One training example in a dataset artifact: a prompt and the answer to learn, with the probability weight
/// training draws it by. Weights carry the dataset's mix (e.g. half fresh items, half replay), so a dataset
/// artifact alone says how it is to be sampled. <see cref="Fresh"/> marks items kept this round.
/// </summary>
public sealed record TrainingRecord(string Task, string Prompt, string Answer, int Length, bool Fresh, double Weight);
