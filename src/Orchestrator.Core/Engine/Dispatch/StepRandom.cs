namespace Orchestrator.Core.Engine.Dispatch;

/// <summary>
/// Derives a step's random source from the run's seed and the step's key and attempt (FNV-1a, stable
/// across processes and platforms, unlike <see cref="string.GetHashCode()"/>), so a replay draws the same numbers.
/// </summary>
public static class StepRandom
{
    public static Random For(long runSeed, string stepKey, int attempt)
    {
        var hash = 14695981039346656037UL ^ (ulong)runSeed;
        foreach (var c in stepKey)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        hash ^= (ulong)attempt;
        hash *= 1099511628211UL;
        return new Random((int)(hash ^ (hash >> 32)));
    }
}
