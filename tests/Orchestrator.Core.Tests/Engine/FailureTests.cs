using Orchestrator.Core.Engine;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

public sealed class FailureTests
{
    private readonly EngineHarness _harness = new();

    [Fact]
    public async Task Fail_ends_the_run_failed_with_a_structured_error()
    {
        var run = await _harness.RunAsync("""
            id: failing
            steps:
              - { id: before, uses: test/count, with: { label: before } }
              - id: stop
                uses: fail
                with: { message: "budget exceeded", type: budget-exceeded }
              - { id: after, uses: test/count, with: { label: after } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(new StepError("budget-exceeded", "budget exceeded", "stop", "/steps/1", 1), run.Error);
        Assert.Null(run.Output);
        Assert.Equal(1, _harness.Counting.ExecutionsOf("before"));
        Assert.Equal(0, _harness.Counting.ExecutionsOf("after"));

        var stop = await _harness.StepAsync(run.Id, "stop");
        Assert.Equal(StepStatus.Failed, stop.Status);
        Assert.Equal(run.Error, stop.Error);
        Assert.Equal(1, run.StepsCommitted);
    }

    [Fact]
    public async Task Fail_inside_a_loop_names_the_iteration_in_its_step_key()
    {
        var run = await _harness.RunAsync("""
            id: failing-loop
            steps:
              - id: spin
                loop: { until: "${false}", max: 5 }
                do:
                  - { id: tick, uses: test/count, with: { label: tick } }
                  - { id: stop, if: "${loop.index == 1}", uses: fail, with: { message: "second round" } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(new StepError("workflow-failed", "second round", "spin/1/stop", "/steps/0/do/1", 1), run.Error);
        Assert.Equal(2, _harness.Counting.ExecutionsOf("tick"));
    }

    [Fact]
    public async Task A_false_assert_fails_the_run_with_its_message()
    {
        var run = await _harness.RunAsync("""
            id: asserting
            state: { total: 1 }
            steps:
              - { id: check, uses: assert, with: { that: "${state.total > 2}", message: "the total should exceed 2" } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(new StepError("assertion-failed", "the total should exceed 2", "check", "/steps/0", 1), run.Error);
    }

    [Fact]
    public async Task A_true_assert_passes()
    {
        var run = await _harness.RunAsync("""
            id: asserting
            steps:
              - { id: check, uses: assert, with: { that: "${2 > 1}" } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.True((await _harness.StepAsync(run.Id, "check")).Output!["passed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_expression_error_fails_the_step_with_type_expression()
    {
        var run = await _harness.RunAsync("""
            id: bad-expression
            steps:
              - { id: say, uses: log, with: { message: "${state.missing.deeper}" } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("expression", run.Error?.Type);
        Assert.Equal("say", run.Error?.StepKey);
        Assert.Contains("state.missing.deeper", run.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expression_that_breaks_a_sandbox_limit_fails_the_step_not_the_engine()
    {
        var run = await _harness.RunAsync("""
            id: runaway
            steps:
              - { id: say, uses: log, with: { message: "${(() => { while(true){} })()}" } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("expression", run.Error?.Type);
        Assert.Contains("statements", run.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_input_of_the_wrong_type_at_run_time_fails_with_invalid_input()
    {
        var run = await _harness.RunAsync("""
            id: wrong-at-run-time
            steps:
              - { id: check, uses: assert, with: { that: "${'yes'}" } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("invalid-input", run.Error?.Type);
        Assert.Contains("that", run.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activity_exception_fails_the_step_with_the_exception_type()
    {
        var run = await _harness.RunAsync("""
            id: throwing
            steps:
              - { id: boom, uses: test/failing, with: { failTimes: 1, throw: true } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(new StepError("exception:System.InvalidOperationException", "attempt 1 throws on purpose", "boom", "/steps/0", 1), run.Error);
    }
}
