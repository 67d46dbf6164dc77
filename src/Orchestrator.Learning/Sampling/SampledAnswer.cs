namespace Orchestrator.Learning.Sampling;

/// <summary>A generated continuation and the model's log-probability of it at temperature 1.</summary>
public sealed record SampledAnswer(int[] Tokens, double LogProbability)
{
    /// <summary>The probability of the whole continuation, between 0 and 1.</summary>
    public double Probability => Math.Exp(LogProbability);
}
