namespace Orchestrator.Learning.Training;

/// <summary>What a call to <see cref="TrainingSession.Train"/> did.</summary>
/// <param name="Step">The step reached.</param>
/// <param name="FirstLoss">Loss of the first step of this call.</param>
/// <param name="LastLoss">Mean loss of the last reporting window of this call.</param>
/// <param name="Tokens">Input tokens trained on in this call.</param>
/// <param name="Seconds">Wall time of this call.</param>
public sealed record TrainingOutcome(int Step, double FirstLoss, double LastLoss, long Tokens, double Seconds)
{
    /// <summary>Input tokens per second over the whole call.</summary>
    public double TokensPerSecond => Tokens / Math.Max(Seconds, 1e-9);
}
