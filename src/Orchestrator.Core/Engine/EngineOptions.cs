using Orchestrator.Core.Expressions;

namespace Orchestrator.Core.Engine;

/// <summary>Engine-wide limits.</summary>
public sealed record EngineOptions
{
    /// <summary>The hard ceiling on any loop's iterations, whatever its definition says.</summary>
    public int MaxLoopIterations { get; init; } = 100_000;

    public ExpressionLimits Expressions { get; init; } = ExpressionLimits.Default;

    /// <summary>
    /// How long a run's lease lasts without renewal; the executing engine renews it every third of this. A
    /// process that died on another machine blocks a resume for at most this long.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often an executing run looks in the control store for a request to cancel it (when the engine has one): the
    /// longest a cancel from another process waits before the run's token is cancelled.
    /// </summary>
    public TimeSpan CancelPollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
