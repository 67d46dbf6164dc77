namespace Orchestrator.Learning.Training;

/// <summary>What a call to <see cref="TrainingSession.Train"/> did.</summary>
/// <param name="Step">The step reached.</param>
/// <param name="FirstLoss">Loss of the first step of this call.</param>
/// <param name="LastLoss">Mean loss of the last reporting window of this call.</param>
/// <param name="TokensPerSecond">Input tokens per second over the whole call.</param>
public sealed record TrainingOutcome(int Step, double FirstLoss, double LastLoss, double TokensPerSecond);
