namespace Orchestrator.Core.Definitions;

/// <summary>How a step retries a failed attempt: how many attempts in all, and the backoff between them.</summary>
public sealed record RetryPolicy(int Attempts, TimeSpan Delay, RetryBackoff Backoff, TimeSpan MaxDelay)
{
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, RetryBackoff.Constant, TimeSpan.Zero);
}

public enum RetryBackoff
{
    Constant,
    Linear,
    Exponential,
}
