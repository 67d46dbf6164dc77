namespace Orchestrator.Core.Loop.Records;

/// <summary>Correct-out-of-total per length, as step outputs report it (keys are lengths, for readable JSON).</summary>
public static class LengthAccuracy
{
    public static SortedDictionary<string, double> Of<T>(IEnumerable<T> items, Func<T, int> length, Func<T, bool> correct) =>
        new(items.GroupBy(length).ToDictionary(g => g.Key.ToString("D3"), g => Math.Round(g.Count(correct) / (double)g.Count(), 4)), StringComparer.Ordinal);
}
