namespace Orchestrator.Core.Gate;

/// <summary>
/// What "better" means for the gate. <see cref="Alpha"/>: the one-sided McNemar level on the target lengths.
/// <see cref="Mastery"/> and <see cref="Confidence"/>: a length is mastered when the Clopper–Pearson lower bound
/// of exact-match accuracy at that confidence is at least <see cref="Mastery"/>. <see cref="MaxRegression"/>:
/// how far below <see cref="Mastery"/> the candidate's lower bound may fall on a length the champion has mastered.
/// The default, 0, keeps every such length mastered, so a promotion can never lower the frontier; any tolerance
/// lets a winner on long targets that slips on one short length lower it, and a loop that proposes from the
/// frontier then starts its curriculum again from there. <see cref="Looks"/>: a group-sequential schedule; each look
/// tests at its share of <see cref="Alpha"/> and of 1 - <see cref="Confidence"/> (null: one look at every item).
/// </summary>
public sealed record GateCriteria(double Alpha = 0.01, double MaxRegression = 0, double Mastery = 0.95, double Confidence = 0.95, GateLooks? Looks = null)
{
    /// <summary>The McNemar level for a decision on targets of <paramref name="items"/> items each.</summary>
    public double AlphaAt(int items) => Looks is null ? Alpha : Alpha * Looks.Share(items);

    /// <summary>The Clopper–Pearson confidence for a length's mastery seen on <paramref name="items"/> items.</summary>
    public double ConfidenceAt(int items) => Looks is null ? Confidence : 1 - (1 - Confidence) * Looks.Share(items);
}
