using Orchestrator.Core.Engine;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

public sealed class ParallelTests
{
    private readonly EngineHarness _harness = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Parallel_fans_out_at_most_maxDegree_at_once_and_fans_in_in_item_order(int maxDegree)
    {
        // Later items finish first (shorter delays), so the fan-in order cannot come from completion order.
        var run = await _harness.RunAsync($$"""
            id: fan
            inputs:
              items: { type: list, default: [1, 2, 3, 4, 5, 6] }
            steps:
              - id: squares
                parallel: { over: "${inputs.items}", as: n, maxDegree: {{maxDegree}} }
                do:
                  - { id: note, uses: log, with: { message: "item ${n} in branch ${branch.index}" } }
                  - { id: probe, uses: test/probe, with: { value: "${n * n}", delayMs: "${(7 - n) * 10}" } }
              - { id: total, uses: set, with: { total: "${steps.squares.output.map(o => o.value).reduce((a, b) => a + b, 0)}" } }
            """);

        Assert.True(run.Status == RunStatus.Succeeded, run.Error?.ToString());
        var fanIn = (await _harness.StepAsync(run.Id, "squares")).Output!.AsArray();
        Assert.Equal([1.0, 4, 9, 16, 25, 36], fanIn.Select(o => JsonAssert.Number(o!["value"])));
        Assert.Equal(91.0, JsonAssert.Number(run.State["total"]));
        Assert.Equal(6, _harness.Probe.Executions);
        Assert.InRange(_harness.Probe.MostAtOnce, 1, maxDegree);
        Assert.Equal("item 3 in branch 2", (await _harness.StepAsync(run.Id, "squares/2/note")).Output!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Parallel_over_a_literal_list_fans_out()
    {
        var run = await _harness.RunAsync("""
            id: fan-literal
            steps:
              - id: echo
                parallel: { over: [10, 20, 30], as: n }
                do:
                  - { id: probe, uses: test/probe, with: { value: "${n}" } }
            """);

        Assert.True(run.Status == RunStatus.Succeeded, run.Error?.ToString());
        Assert.Equal([10.0, 20, 30], (await _harness.StepAsync(run.Id, "echo")).Output!.AsArray().Select(o => JsonAssert.Number(o!["value"])));
    }

    [Fact]
    public async Task Parallel_over_an_empty_list_fans_in_an_empty_list()
    {
        var run = await _harness.RunAsync("""
            id: fan-empty
            inputs:
              items: { type: list, default: [] }
            steps:
              - id: echo
                parallel: { over: "${inputs.items}" }
                do:
                  - { id: probe, uses: test/probe, with: { value: "${item}" } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Empty((await _harness.StepAsync(run.Id, "echo")).Output!.AsArray());
    }

    [Fact]
    public async Task A_failing_branch_fails_the_run_with_the_branch_step_key()
    {
        var run = await _harness.RunAsync("""
            id: fan-fail
            inputs:
              items: { type: list, default: [1, 2, 3] }
            steps:
              - id: fan
                parallel: { over: "${inputs.items}", as: n, maxDegree: 1 }
                do:
                  - { id: check, uses: assert, with: { that: "${n != 2}", message: "two is not allowed" } }
              - { id: after, uses: test/count, with: { label: after } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(new StepError("assertion-failed", "two is not allowed", "fan/1/check", "/steps/0/do/0", 1), run.Error);
        Assert.Equal(0, _harness.Counting.ExecutionsOf("after"));
    }

    [Fact]
    public async Task Over_that_is_not_a_list_fails_with_invalid_parallel()
    {
        var run = await _harness.RunAsync("""
            id: fan-scalar
            inputs:
              items: { type: any, default: 5 }
            steps:
              - id: fan
                parallel: { over: "${inputs.items}" }
                do:
                  - { id: probe, uses: test/probe, with: { value: "${item}" } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("invalid-parallel", run.Error?.Type);
        Assert.Equal("fan", run.Error?.StepKey);
    }
}
