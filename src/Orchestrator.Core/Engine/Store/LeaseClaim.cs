namespace Orchestrator.Core.Engine.Store;

/// <summary>
/// The answer to a lease claim on a run: granted, or refused with who holds it and until when. Only the
/// holder of a run's lease may execute it, so two processes resuming the same run never both run its steps.
/// </summary>
public readonly record struct LeaseClaim(bool Granted, string? Holder, DateTimeOffset? Until)
{
    public static LeaseClaim Grant() => new(true, null, null);
}
