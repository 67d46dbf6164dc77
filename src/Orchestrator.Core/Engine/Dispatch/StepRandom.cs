namespace Orchestrator.Core.Engine.Dispatch;

/// <summary>
/// Derives a step's random source from the run's seed and the step's key and try (FNV-1a, stable
/// across processes and platforms, unlike <see cref="string.GetHashCode()"/>), so a replay draws the same numbers.
/// The engine passes the try of the step's retry policy (<see cref="StepInvocation.Try"/>), not the store's count
/// of starts: a step started again after a crash must draw the same numbers, or the run's results would depend
/// on where it was killed.
/// </summary>
public static class StepRandom
{
    public static Random For(long runSeed, string stepKey, int tryNumber)
    {
        var hash = 14695981039346656037UL ^ (ulong)runSeed;
        foreach (var c in stepKey)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        hash ^= (ulong)tryNumber;
        hash *= 1099511628211UL;
        return new Random((int)(hash ^ (hash >> 32)));
    }
}
