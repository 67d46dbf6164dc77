using Orchestrator.Core.Statistics;

namespace Orchestrator.Core.Gate;

/// <summary>
/// The gate's rule, kept apart from models and stores so it can be read and tested on its own: the candidate
/// passes when it is significantly better on the target lengths (exact one-sided McNemar over the pooled pairs)
/// and has not regressed on any length the champion has mastered (Clopper–Pearson lower bounds).
/// </summary>
public static class GateRule
{
    /// <summary>
    /// The longest length L such that every length from the shortest evaluated up to L is mastered; 0 when the
    /// shortest is not. Lengths must be contiguous: a gap ends the frontier.
    /// </summary>
    public static int Frontier(IEnumerable<(int Length, int Correct, int Items)> lengths, GateCriteria criteria)
    {
        var frontier = 0;
        int? previous = null;
        foreach (var (length, correct, items) in lengths.OrderBy(l => l.Length))
        {
            if (previous is { } p && length != p + 1) break;
            if (!IsMastered(correct, items, criteria)) break;
            frontier = length;
            previous = length;
        }
        return frontier;
    }

    public static bool IsMastered(int correct, int items, GateCriteria criteria) =>
        items > 0 && ClopperPearson.Lower(correct, items, criteria.ConfidenceAt(items)) >= criteria.Mastery;

    /// <summary>
    /// Whether <paramref name="errors"/> wrong answers already rule out mastery at the last look, however the remaining
    /// items go: the length is settled as not mastered without them.
    /// </summary>
    public static bool CannotBeMastered(int errors, GateCriteria criteria, int lastItems) =>
        CannotReach(errors, criteria.Mastery, criteria, lastItems);

    /// <summary>Whether a length with <paramref name="errors"/> is already certain to regress: below mastery less the tolerance at the last look.</summary>
    public static bool CannotKeep(int errors, GateCriteria criteria, int lastItems) =>
        CannotReach(errors, criteria.Mastery - criteria.MaxRegression, criteria, lastItems);

    private static bool CannotReach(int errors, double bound, GateCriteria criteria, int lastItems) =>
        errors > lastItems || ClopperPearson.Lower(lastItems - errors, lastItems, criteria.ConfidenceAt(lastItems)) < bound;

    /// <summary>
    /// Decides on paired <paramref name="scores"/> by length. <paramref name="knownChampionFrontier"/>: the champion's
    /// frontier as an earlier gate measured it, or null to measure it from the scores; known, the champion need
    /// only be scored on the <paramref name="targets"/>, since non-regression is a bound on the candidate alone.
    /// </summary>
    public static GateVerdict Decide(IReadOnlyList<LengthScores> scores, IReadOnlyCollection<int> targets, GateCriteria criteria, int? knownChampionFrontier = null)
    {
        var candidateFrontier = Frontier(scores.Select(s => (s.Length, s.CandidateCorrect, s.Items)), criteria);
        var championFrontier = knownChampionFrontier ?? Frontier(scores.Select(s => (s.Length, s.ChampionCorrect, s.Items)), criteria);

        var (candidateOnly, championOnly) = (0, 0);
        foreach (var target in scores.Where(s => targets.Contains(s.Length)))
        {
            var (b, c) = McNemarTest.Discordant(target.Candidate, target.Champion);
            (candidateOnly, championOnly) = (candidateOnly + b, championOnly + c);
        }
        var pValue = McNemarTest.OneSidedPValue(candidateOnly, championOnly);
        var targetItems = scores.Where(s => targets.Contains(s.Length)).Select(s => s.Items).DefaultIfEmpty(0).Max();
        var alpha = targetItems > 0 ? criteria.AlphaAt(targetItems) : criteria.Alpha;

        // A length a sequential gate closed before its last look counts only when its regression was already certain:
        // the gate closes the others early once one is, and they were not measured to the end.
        var regressions = scores
            .Where(s => s.Length <= championFrontier)
            .Where(s => criteria.Looks is { } looks && s.Items < looks.Total
                ? CannotKeep(s.Items - s.CandidateCorrect, criteria, looks.Total)
                : ClopperPearson.Lower(s.CandidateCorrect, s.Items, criteria.ConfidenceAt(s.Items)) < criteria.Mastery - criteria.MaxRegression)
            .Select(s => s.Length)
            .ToList();

        var improved = pValue <= alpha;
        var look = criteria.Looks is { Count: > 1 } looks && targetItems > 0 ? $" at look {looks.IndexOf(targetItems) + 1} of {looks.Count} ({targetItems} items a length)" : "";
        var reason = (improved, regressions.Count) switch
        {
            (true, 0) => $"better on lengths {string.Join(",", targets.Order())}: {candidateOnly} vs {championOnly} discordant, p = {pValue:G3} <= {alpha:G3}{look}; no regression up to length {championFrontier}",
            (true, _) => $"better on the targets (p = {pValue:G3}) but regressed on mastered length(s) {string.Join(",", regressions)} (frontier {championFrontier} -> {candidateFrontier})",
            (false, 0) => $"not significantly better on lengths {string.Join(",", targets.Order())}: {candidateOnly} vs {championOnly} discordant, p = {pValue:G3} > {alpha:G3}{look}",
            _ => $"not significantly better (p = {pValue:G3}) and regressed on length(s) {string.Join(",", regressions)}",
        };
        return new GateVerdict(improved && regressions.Count == 0, reason, pValue, candidateOnly, championOnly, candidateFrontier, championFrontier, regressions);
    }
}
