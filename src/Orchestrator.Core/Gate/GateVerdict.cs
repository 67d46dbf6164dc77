namespace Orchestrator.Core.Gate;

/// <summary>The gate's decision on one set of paired scores, with the figures it rests on.</summary>
public sealed record GateVerdict(
    bool Passed,
    string Reason,
    double PValue,
    int CandidateOnlyRight,
    int ChampionOnlyRight,
    int CandidateFrontier,
    int ChampionFrontier,
    IReadOnlyList<int> Regressions);
