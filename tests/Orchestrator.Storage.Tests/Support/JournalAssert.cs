using Orchestrator.Core.Aliases;

namespace Orchestrator.Storage.Tests.Support;

/// <summary>Checks that an alias journal is a gap-free chain: each move starts where the one before ended.</summary>
public static class JournalAssert
{
    public static void IsChain(IReadOnlyList<AliasMove> history, int expectedCount, int? finalHolder)
    {
        Assert.Equal(expectedCount, history.Count);
        Assert.Equal(Enumerable.Range(1, expectedCount).Select(i => (long)i), history.Select(m => m.Sequence));
        for (var i = 1; i < history.Count; i++)
            Assert.True(history[i].From == history[i - 1].To,
                $"move {history[i].Sequence} starts at {history[i].From?.ToString() ?? "nothing"}, but move {history[i - 1].Sequence} ended at {history[i - 1].To}: a concurrent move was lost");
        Assert.Equal(finalHolder, history.Count == 0 ? null : history[^1].To);
    }
}
