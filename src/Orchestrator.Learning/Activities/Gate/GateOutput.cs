using Orchestrator.Core.Activities;

namespace Orchestrator.Learning.Activities.Gate;

public sealed record GateOutput
{
    [Output("true when the candidate is better, did not regress, survived the re-check and the alpha budget allowed it")]
    public required bool Passed { get; init; }

    [Output("the decision in words")]
    public required string Reason { get; init; }

    [Output("the decision in one word: passed, not-better, regressed, recheck-failed, budget-spent or measurement")]
    public required string Outcome { get; init; }

    [Output("one-sided McNemar p-value on the target lengths")]
    public required double PValue { get; init; }

    [Output("the re-check's p-value on fresh items (null when not re-checked)")]
    public double? RecheckPValue { get; init; }

    [Output("target items only the candidate got right")]
    public required int CandidateOnlyRight { get; init; }

    [Output("target items only the champion got right")]
    public required int ChampionOnlyRight { get; init; }

    [Output("the candidate's frontier on these items")]
    public required int CandidateFrontier { get; init; }

    [Output("the champion's frontier on these items")]
    public required int ChampionFrontier { get; init; }

    [Output("the frontier of whichever model is champion after this decision")]
    public required int Frontier { get; init; }

    [Output("candidate exact-match accuracy per length")]
    public required SortedDictionary<string, double> CandidateByLength { get; init; }

    [Output("champion exact-match accuracy per length")]
    public required SortedDictionary<string, double> ChampionByLength { get; init; }

    [Output("mastered lengths on which the candidate regressed")]
    public required IReadOnlyList<int> Regressions { get; init; }

    [Output("the candidate, NAME@VERSION")]
    public required string Candidate { get; init; }

    [Output("the champion compared against, NAME@VERSION")]
    public required string Champion { get; init; }

    [Output("the champion's version number, for an optimistic promote")]
    public required int ChampionVersion { get; init; }

    [Output("alpha of this decision")]
    public required double Alpha { get; init; }

    [Output("alpha spent by this run's gate decisions, this one included")]
    public required double AlphaSpent { get; init; }

    [Output("SHA-256 over the protected sets used (each set's hash, in order)")]
    public required string DataHash { get; init; }

    [Output("protected items per length")]
    public required int Items { get; init; }

    [Output("items the candidate answered per length: fewer than items where a sequential gate settled the length early")]
    public required SortedDictionary<string, int> CandidateItemsByLength { get; init; }

    [Output("answers generated in all, both models and the re-check: the gate's work")]
    public required int Answers { get; init; }

    [Output("wall time in seconds")]
    public required double Seconds { get; init; }

    [Output("estimated model compute of scoring, in GFLOP (2 per parameter per prompt and answer token; an amount, not a rate)")]
    public required double Gflop { get; init; }

    [Output("CPU seconds this process used during the decision")]
    public required double CpuSeconds { get; init; }
}
