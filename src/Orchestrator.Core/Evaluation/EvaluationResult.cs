using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Evaluation;

/// <summary>What an evaluator kept, and how many attempts survived each of its filters.</summary>
public sealed record EvaluationResult(IReadOnlyList<AttemptRecord> Kept, IReadOnlyList<FilterCount> Stages);

/// <summary>Attempts left after one filter.</summary>
public sealed record FilterCount(string Filter, int Kept);
