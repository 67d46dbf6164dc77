namespace Orchestrator.Core.Activities;

/// <summary>
/// How far a long step has got, for progress displays: <see cref="Done"/> of <see cref="Total"/> units of
/// <see cref="Phase"/> (e.g. 300 of 800 training steps), with the figures that phase has.
/// </summary>
public sealed record StepProgress(string Phase, long Done, long Total)
{
    public double? Loss { get; init; }
    public double? TokensPerSecond { get; init; }

    /// <summary>Expected time to finish the phase, from its pace so far.</summary>
    public TimeSpan? Remaining { get; init; }

    /// <summary>Anything else worth a glance (e.g. "length 14: 0.93").</summary>
    public string? Detail { get; init; }
}
