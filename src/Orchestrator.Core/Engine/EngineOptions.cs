using Orchestrator.Core.Expressions;

namespace Orchestrator.Core.Engine;

/// <summary>Engine-wide limits.</summary>
public sealed record EngineOptions
{
    /// <summary>The hard ceiling on any loop's iterations, whatever its definition says.</summary>
    public int MaxLoopIterations { get; init; } = 100_000;

    public ExpressionLimits Expressions { get; init; } = ExpressionLimits.Default;
}
