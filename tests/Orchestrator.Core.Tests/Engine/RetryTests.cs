using Orchestrator.Core.Engine;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

public sealed class RetryTests
{
    private readonly EngineHarness _harness = new();

    [Fact]
    public async Task Transient_failures_are_retried_until_an_attempt_succeeds()
    {
        var run = await _harness.RunAsync("""
            id: retrying
            steps:
              - id: flaky
                uses: test/failing
                with: { failTimes: 2 }
                retry: { attempts: 3, delay: 1ms, backoff: constant }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(3, _harness.Failing.Calls);
        var step = await _harness.StepAsync(run.Id, "flaky");
        Assert.Equal(3, step.Attempts);
        Assert.Equal(3, step.Output!["attempt"]!.GetValue<int>());
    }

    [Fact]
    public async Task Retries_stop_after_the_last_attempt_and_the_error_names_it()
    {
        var run = await _harness.RunAsync("""
            id: retrying-out
            steps:
              - id: flaky
                uses: test/failing
                with: { failTimes: 5 }
                retry: { attempts: 3, delay: 1ms }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(new StepError("test-transient", "attempt 3 fails on purpose", "flaky", "/steps/0", 3), run.Error);
        Assert.Equal(3, _harness.Failing.Calls);
        Assert.Equal(3, (await _harness.StepAsync(run.Id, "flaky")).Attempts);
    }

    [Fact]
    public async Task A_non_transient_failure_is_not_retried()
    {
        var run = await _harness.RunAsync("""
            id: permanent
            steps:
              - id: broken
                uses: test/failing
                with: { failTimes: 1, transient: false }
                retry: { attempts: 5, delay: 1ms }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("test-permanent", run.Error?.Type);
        Assert.Equal(1, run.Error?.Attempt);
        Assert.Equal(1, _harness.Failing.Calls);
    }

    [Fact]
    public async Task Without_a_retry_policy_a_transient_failure_is_tried_once()
    {
        var run = await _harness.RunAsync("""
            id: no-retry
            steps:
              - { id: flaky, uses: test/failing, with: { failTimes: 1 } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(1, _harness.Failing.Calls);
    }

    [Fact]
    public async Task Exceptions_are_retried()
    {
        var run = await _harness.RunAsync("""
            id: retry-exceptions
            steps:
              - id: boom
                uses: test/failing
                with: { failTimes: 1, throw: true }
                retry: { attempts: 2, delay: 1ms }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(2, _harness.Failing.Calls);
    }

    [Fact]
    public async Task Each_retry_attempt_sees_its_attempt_number()
    {
        // sample/flaky-style behaviour: the activity decides by ActivityContext.Attempt, so the engine must
        // hand each retry a higher attempt number.
        var run = await _harness.RunAsync("""
            id: attempt-numbers
            steps:
              - { id: flaky, uses: test/failing, with: { failTimes: 3 }, retry: { attempts: 4, delay: 0ms, backoff: linear } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(4, (await _harness.StepAsync(run.Id, "flaky")).Output!["attempt"]!.GetValue<int>());
    }
}
