namespace Orchestrator.Learning.Training;

/// <summary>
/// A length curriculum for supervised training: lengths up to <see cref="Start"/> at first, one more every
/// <see cref="StepsPerLength"/> steps. Without positional encoding a small model trained on 1-8 digits at once
/// stalls on 1-2 (measured: 3,000 steps, 3-digit exact match 0.10); grown a length at a time it learns each new
/// length from the ones before, the same way the improvement loop later extends it.
/// </summary>
public sealed record LengthRamp(int Start, int StepsPerLength)
{
    public int LongestAt(int step) => Start + (StepsPerLength <= 0 ? int.MaxValue / 2 : step / StepsPerLength);
}
