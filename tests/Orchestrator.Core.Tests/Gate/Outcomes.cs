namespace Orchestrator.Core.Tests.Gate;

/// <summary>Right/wrong outcome lists whose right items are a known range, so discordant pairs can be counted by hand.</summary>
public static class Outcomes
{
    /// <summary><paramref name="items"/> outcomes, right exactly on items <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> - 1.</summary>
    public static IReadOnlyList<bool> Right(int count, int items, int from = 0) =>
        Enumerable.Range(0, items).Select(i => i >= from && i < from + count).ToList();

    public static IReadOnlyList<bool> AllRight(int items) => Right(items, items);
}
