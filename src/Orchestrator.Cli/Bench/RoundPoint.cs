namespace Orchestrator.Cli.Bench;

/// <summary>Where one arm stood after one round: the champion's frontier, the compute spent so far, and the gate's figures.</summary>
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
    IReadOnlyDictionary<int, double> AccuracyByLength);
