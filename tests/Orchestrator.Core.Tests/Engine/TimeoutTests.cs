using Orchestrator.Core.Engine;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

public sealed class TimeoutTests
{
    private readonly EngineHarness _harness = new();

    [Fact]
    public async Task An_activity_slower_than_its_timeout_fails_with_type_timeout()
    {
        var run = await _harness.RunAsync("""
            id: too-slow
            steps:
              - { id: slow, uses: test/slow, with: { duration: 30s }, timeout: 100ms }
              - { id: after, uses: test/count, with: { label: after } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("timeout", run.Error?.Type);
        Assert.Equal("slow", run.Error?.StepKey);
        Assert.Equal("/steps/0", run.Error?.Pointer);
        Assert.Equal(1, run.Error?.Attempt);
        Assert.Contains("100ms", run.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Counting.TotalExecutions);
    }

    [Fact]
    public async Task The_timeout_bounds_each_attempt_and_timeouts_are_retried()
    {
        var run = await _harness.RunAsync("""
            id: too-slow-twice
            steps:
              - { id: slow, uses: test/slow, with: { duration: 30s }, timeout: 100ms, retry: { attempts: 2, delay: 1ms } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("timeout", run.Error?.Type);
        Assert.Equal(2, run.Error?.Attempt);
        Assert.Equal(2, _harness.Slow.Started);
    }

    [Fact]
    public async Task A_built_in_wait_longer_than_its_timeout_fails_with_type_timeout()
    {
        var run = await _harness.RunAsync("""
            id: long-wait
            steps:
              - { id: pause, uses: wait, with: { duration: 1h }, timeout: 100ms }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("timeout", run.Error?.Type);
    }

    [Fact]
    public async Task A_loop_slower_than_its_timeout_fails_with_type_timeout_at_the_loop()
    {
        var run = await _harness.RunAsync("""
            id: slow-loop
            steps:
              - id: spin
                timeout: 150ms
                loop: { until: "${false}", max: 1000 }
                do:
                  - { id: nap, uses: test/slow, with: { duration: 40ms } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("timeout", run.Error?.Type);
        Assert.Equal("spin", run.Error?.StepKey);
        Assert.Equal("/steps/0", run.Error?.Pointer);
    }

    [Fact]
    public async Task A_step_that_finishes_within_its_timeout_succeeds()
    {
        var run = await _harness.RunAsync("""
            id: quick-enough
            steps:
              - { id: quick, uses: test/slow, with: { duration: 1ms }, timeout: 30s }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
    }
}
