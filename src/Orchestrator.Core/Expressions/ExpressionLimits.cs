namespace Orchestrator.Core.Expressions;

/// <summary>
/// What one expression may spend. Definitions can be edited by the system itself, so an
/// expression must never hang the engine or exhaust its memory, whatever it says.
/// </summary>
public sealed record ExpressionLimits
{
    public int MaxStatements { get; init; } = 10_000;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
    public long MaxMemoryBytes { get; init; } = 16 * 1024 * 1024;
    public int MaxRecursionDepth { get; init; } = 64;
    public uint MaxArraySize { get; init; } = 1_000_000;
    public int MaxResultChars { get; init; } = 4 * 1024 * 1024;

    public static ExpressionLimits Default { get; } = new();
}
