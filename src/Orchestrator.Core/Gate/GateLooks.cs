namespace Orchestrator.Core.Gate;

/// <summary>
/// A group-sequential schedule for the gate: it looks at each length's items in growing groups (64, 128 and 256 of 256
/// for three looks) and may settle a question at any look. Look k tests at its share of each error rate, spent as
/// rate x t², with t the fraction of all items seen (a power family close to O'Brien–Fleming's: little early, most at
/// the end). The shares add up to the whole rate, so by the union bound the chance of any false decision over all
/// looks, whenever the gate stops, is at most what a single look at every item allows: the run's alpha budget and the
/// non-regression rule stay exactly as strong. At 256 items and confidence 0.95 the last look still allows the same
/// 6 errors for mastery as one look does; 128 of 128 is mastery at the second look, 64 items alone never are.
/// </summary>
public sealed record GateLooks
{
    private GateLooks(IReadOnlyList<int> items) => Items = items;

    /// <summary>Items seen by each look, cumulative and increasing; the last is every item.</summary>
    public IReadOnlyList<int> Items { get; }

    /// <summary>One look at every item: the classic fixed-sample gate.</summary>
    public static GateLooks Single(int items) => Split(items, 1);

    /// <summary><paramref name="looks"/> looks, each at twice the items of the one before, the last at <paramref name="items"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No looks, or more looks than items allow (each at least one item).</exception>
    public static GateLooks Split(int items, int looks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(looks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(items);
        var sizes = Enumerable.Range(0, looks).Select(k => (int)Math.Ceiling(items / Math.Pow(2, looks - 1 - k))).ToList();
        if (sizes.Distinct().Count() != looks || sizes[0] < 1)
            throw new ArgumentOutOfRangeException(nameof(looks), $"{looks} looks at {items} items would repeat a look; use fewer looks or more items");
        return new GateLooks(sizes);
    }

    /// <summary>The number of looks.</summary>
    public int Count => Items.Count;

    /// <summary>The last look: every item.</summary>
    public int Total => Items[^1];

    /// <summary>The look index whose cumulative item count is <paramref name="items"/>.</summary>
    /// <exception cref="ArgumentException">A count that is no look of this schedule.</exception>
    public int IndexOf(int items)
    {
        for (var k = 0; k < Items.Count; k++)
            if (Items[k] == items) return k;
        throw new ArgumentException($"{items} items is no look of this gate (looks at {string.Join(", ", Items)})", nameof(items));
    }

    /// <summary>The fraction of an error rate spent at the look that has seen <paramref name="items"/>.</summary>
    public double Share(int items)
    {
        var k = IndexOf(items);
        double Spent(int look) => look < 0 ? 0 : Math.Pow(Items[look] / (double)Total, 2);
        return Spent(k) - Spent(k - 1);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join("/", Items);
}
