using Orchestrator.Core.Engine;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

public sealed class LoopTests
{
    private readonly EngineHarness _harness = new();

    [Fact]
    public async Task Loop_with_literal_times_runs_that_many_iterations_with_loop_index()
    {
        var run = await _harness.RunAsync("""
            id: loop-times
            state: { seen: [] }
            steps:
              - id: spin
                loop: { times: 3 }
                do:
                  - { id: tick, uses: test/count, with: { label: "tick ${loop.index}" } }
                  - { id: add, uses: set, with: { seen: "${state.seen.concat([loop.index])}" } }
            """);

        Assert.True(run.Status == RunStatus.Succeeded, run.Error?.ToString());
        JsonAssert.Equal("[0, 1, 2]", run.State["seen"]);
        JsonAssert.Equal("""{ "iterations": 3, "untilMet": false, "exhausted": false }""", (await _harness.StepAsync(run.Id, "spin")).Output);
        Assert.Equal(1, _harness.Counting.ExecutionsOf("tick 2"));
        var journal = await _harness.JournalAsync(run.Id);
        Assert.Equal(["spin/0/tick", "spin/0/add", "spin/1/tick", "spin/1/add", "spin/2/tick", "spin/2/add", "spin"], journal.Select(s => s.Key));
    }

    [Fact]
    public async Task Loop_with_times_from_an_input_runs_that_many_iterations()
    {
        var run = await _harness.RunAsync("""
            id: loop-times-input
            inputs:
              rounds: { type: int, default: 4 }
            state: { count: 0 }
            steps:
              - id: spin
                loop: { times: "${inputs.rounds}" }
                do:
                  - { id: inc, uses: set, with: { count: "${state.count + 1}" } }
            """);

        Assert.True(run.Status == RunStatus.Succeeded, run.Error?.ToString());
        Assert.Equal(4, JsonAssert.Number(run.State["count"]));
    }

    [Fact]
    public async Task Loop_with_zero_times_runs_nothing()
    {
        var run = await _harness.RunAsync("""
            id: loop-zero
            inputs:
              rounds: { type: int, default: 0 }
            steps:
              - id: spin
                loop: { times: "${inputs.rounds}" }
                do:
                  - { id: tick, uses: test/count, with: { label: tick } }
            """);

        Assert.True(run.Status == RunStatus.Succeeded, run.Error?.ToString());
        Assert.Equal(0, _harness.Counting.TotalExecutions);
        JsonAssert.Equal("""{ "iterations": 0, "untilMet": false, "exhausted": false }""", (await _harness.StepAsync(run.Id, "spin")).Output);
    }

    [Fact]
    public async Task Loop_until_stops_as_soon_as_the_condition_holds()
    {
        var run = await _harness.RunAsync("""
            id: loop-until
            state: { count: 0 }
            steps:
              - id: climb
                loop: { until: "${state.count >= 3}", max: 10 }
                do:
                  - { id: inc, uses: set, with: { count: "${state.count + 1}" } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(3, JsonAssert.Number(run.State["count"]));
        JsonAssert.Equal("""{ "iterations": 3, "untilMet": true, "exhausted": false }""", (await _harness.StepAsync(run.Id, "climb")).Output);
    }

    [Fact]
    public async Task Loop_until_may_read_its_body_steps_outputs()
    {
        var run = await _harness.RunAsync("""
            id: loop-until-output
            steps:
              - id: climb
                loop: { until: "${steps.tick.output.execution == 2}", max: 10 }
                do:
                  - { id: tick, uses: test/count, with: { label: tick } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(2, _harness.Counting.ExecutionsOf("tick"));
    }

    [Fact]
    public async Task Loop_until_that_never_holds_stops_at_max_and_says_it_was_exhausted()
    {
        var run = await _harness.RunAsync("""
            id: loop-exhausted
            state: { count: 0 }
            steps:
              - id: climb
                loop: { until: "${state.count >= 100}", max: 4 }
                do:
                  - { id: inc, uses: set, with: { count: "${state.count + 1}" } }
              - { id: after, uses: log, with: { message: "exhausted: ${steps.climb.output.exhausted}" } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(4, JsonAssert.Number(run.State["count"]));
        JsonAssert.Equal("""{ "iterations": 4, "untilMet": false, "exhausted": true }""", (await _harness.StepAsync(run.Id, "climb")).Output);
        Assert.Equal("exhausted: true", (await _harness.StepAsync(run.Id, "after")).Output!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Loop_with_times_and_until_stops_at_whichever_comes_first()
    {
        var run = await _harness.RunAsync("""
            id: loop-both
            state: { count: 0 }
            steps:
              - id: climb
                loop: { times: 10, until: "${state.count >= 2}" }
                do:
                  - { id: inc, uses: set, with: { count: "${state.count + 1}" } }
            """);

        Assert.True(run.Status == RunStatus.Succeeded, run.Error?.ToString());
        JsonAssert.Equal("""{ "iterations": 2, "untilMet": true, "exhausted": false }""", (await _harness.StepAsync(run.Id, "climb")).Output);
    }

    [Fact]
    public async Task Loop_times_above_max_fails_with_loop_bound_exceeded()
    {
        var run = await _harness.RunAsync("""
            id: loop-too-many
            inputs:
              rounds: { type: int, default: 50 }
            steps:
              - id: spin
                loop: { times: "${inputs.rounds}", max: 5 }
                do:
                  - { id: tick, uses: test/count, with: { label: tick } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("loop-bound-exceeded", run.Error?.Type);
        Assert.Equal(0, _harness.Counting.TotalExecutions);
    }

    [Fact]
    public async Task Loop_times_that_is_not_a_whole_number_fails_with_invalid_loop()
    {
        var run = await _harness.RunAsync("""
            id: loop-bad-times
            inputs:
              rounds: { type: number, default: 2.5 }
            steps:
              - id: spin
                loop: { times: "${inputs.rounds}" }
                do:
                  - { id: tick, uses: test/count, with: { label: tick } }
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("invalid-loop", run.Error?.Type);
        Assert.Equal("spin", run.Error?.StepKey);
    }
}
