namespace Orchestrator.Learning.Training;

/// <summary>
/// Warmup, then constant, then decay (warmup–stable–decay): linear warmup from 0, the peak rate for most of the
/// run, and a linear decay to a floor over the last steps. A stable phase lets a run be extended without
/// redoing a cosine schedule; the final decay is what settles the weights.
/// </summary>
/// <param name="PeakRate">The rate of the stable phase.</param>
/// <param name="WarmupSteps">Steps of linear warmup.</param>
/// <param name="DecaySteps">Steps of linear decay at the end of the run.</param>
/// <param name="TotalSteps">Length of the run.</param>
/// <param name="FinalFactor">Rate at the end as a fraction of the peak.</param>
public sealed record LearningRateSchedule(double PeakRate, int WarmupSteps, int DecaySteps, int TotalSteps, double FinalFactor = 0.1)
{
    /// <summary>The rate for step <paramref name="step"/> (0-based: the step about to be taken).</summary>
    public double RateAt(int step)
    {
        if (step < WarmupSteps)
        {
            return PeakRate * (step + 1) / WarmupSteps;
        }

        var decayStart = TotalSteps - DecaySteps;
        if (DecaySteps <= 0 || step < decayStart)
        {
            return PeakRate;
        }

        var progress = Math.Min(1.0, (double)(step - decayStart + 1) / DecaySteps);
        return PeakRate * (1 - ((1 - FinalFactor) * progress));
    }
}
