namespace Orchestrator.Cli.Bench;

/// <summary>
/// Where one arm stood after one round: the champion's frontier, the compute spent so far, the gate's figures and,
/// for self-labelled loops, the audited precision of the round's kept labels. Compute so far is counted three ways,
/// round 0 included: post-training steps, the learning steps' estimated GFLOP and their measured CPU seconds.
/// </summary>
public sealed record RoundPoint(
    string Arm,
    long Seed,
    int Round,
    int Frontier,
    int CandidateFrontier,
    bool Promoted,
    double? PValue,
    int Kept,
    long TrainingSteps,
    double WallSeconds,
    IReadOnlyDictionary<int, double> AccuracyByLength,
    double? Precision = null,
    double Gflop = 0,
    double CpuSeconds = 0);
