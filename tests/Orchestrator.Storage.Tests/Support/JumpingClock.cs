namespace Orchestrator.Storage.Tests.Support;

/// <summary>
/// The machine's clock with a wall-clock offset the test moves at will, forwards or back, as NTP or an operator
/// would: timers and timestamps stay on the monotonic clock, exactly as with <see cref="TimeProvider.System"/> when the
/// system clock is set. (FakeTimeProvider cannot model this: it refuses to go back, and its timers follow its wall clock.)
/// </summary>
public sealed class JumpingClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Jump(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
