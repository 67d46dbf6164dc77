using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

public sealed class ResumeTests
{
    private readonly EngineHarness _harness = new();

    [Fact]
    public async Task Cancellation_leaves_the_run_cancelled_and_resume_finishes_it_without_repeating_committed_steps()
    {
        using var cancellation = new CancellationTokenSource();
        var running = _harness.RunAsync("""
            id: cancellable
            steps:
              - { id: first, uses: test/count, with: { label: first } }
              - { id: block, uses: test/block }
              - { id: last, uses: test/count, with: { label: last } }
            """, cancellationToken: cancellation.Token);

        await Task.WhenAny(_harness.Blocking.Started, running);
        Assert.True(_harness.Blocking.Started.IsCompleted, "the run ended before reaching the blocking step");
        await cancellation.CancelAsync();
        var cancelled = await running;

        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        Assert.Null(cancelled.Error);
        Assert.Equal(1, cancelled.StepsCommitted);
        Assert.Equal(StepStatus.Succeeded, (await _harness.StepAsync(cancelled.Id, "first")).Status);
        Assert.NotEqual(StepStatus.Succeeded, (await _harness.StepAsync(cancelled.Id, "block")).Status);
        Assert.Equal(0, _harness.Counting.ExecutionsOf("last"));

        _harness.Blocking.Blocking = false;
        var resumed = await _harness.Engine.ResumeAsync(cancelled.Id);

        Assert.Equal(RunStatus.Succeeded, resumed.Status);
        Assert.Equal(cancelled.Id, resumed.Id);
        Assert.Equal(1, _harness.Counting.ExecutionsOf("first"));
        Assert.Equal(2, _harness.Blocking.Executions);
        Assert.Equal(1, _harness.Counting.ExecutionsOf("last"));
        Assert.Equal(3, resumed.StepsCommitted);
    }

    [Fact]
    public async Task Resume_after_a_failed_step_re_attempts_only_that_step()
    {
        const string definition = """
            id: resumable
            state: { total: 0 }
            steps:
              - { id: first, uses: test/count, with: { label: first } }
              - { id: add, uses: set, with: { total: "${state.total + 10}" } }
              - { id: toggle, uses: test/toggle }
              - { id: last, uses: set, with: { total: "${state.total + steps.first.output.execution}" } }
            """;
        var failed = await _harness.RunAsync(definition);
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal("toggle-off", failed.Error?.Type);

        _harness.Toggle.Failing = false;
        var resumed = await _harness.Engine.ResumeAsync(failed.Id);

        Assert.Equal(RunStatus.Succeeded, resumed.Status);
        Assert.Null(resumed.Error);
        Assert.Equal(1, _harness.Counting.ExecutionsOf("first"));
        Assert.Equal(2, _harness.Toggle.Executions);
        // The replayed 'add' restores state without running again, and 'last' still sees first's recorded output.
        Assert.Equal(11, JsonAssert.Number(resumed.State["total"]));
        var toggle = await _harness.StepAsync(failed.Id, "toggle");
        Assert.Equal(StepStatus.Succeeded, toggle.Status);
        Assert.Equal(2, toggle.Attempts);
        Assert.Null(toggle.Error);
    }

    [Fact]
    public async Task Resume_replays_committed_loop_iterations_and_continues_from_the_failed_one()
    {
        var failed = await _harness.RunAsync("""
            id: resumable-loop
            state: { count: 0 }
            steps:
              - id: spin
                loop: { until: "${state.count >= 3}", max: 10 }
                do:
                  - { id: tick, uses: test/count, with: { label: "tick ${loop.index}" } }
                  - { id: gate, if: "${loop.index == 1}", uses: test/toggle }
                  - { id: inc, uses: set, with: { count: "${state.count + 1}" } }
            """);
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal("spin/1/gate", failed.Error?.StepKey);

        _harness.Toggle.Failing = false;
        var resumed = await _harness.Engine.ResumeAsync(failed.Id);

        Assert.Equal(RunStatus.Succeeded, resumed.Status);
        Assert.Equal(3, JsonAssert.Number(resumed.State["count"]));
        Assert.Equal(1, _harness.Counting.ExecutionsOf("tick 0"));
        Assert.Equal(1, _harness.Counting.ExecutionsOf("tick 1"));
        Assert.Equal(1, _harness.Counting.ExecutionsOf("tick 2"));
        Assert.Equal(StepStatus.Skipped, (await _harness.StepAsync(failed.Id, "spin/0/gate")).Status);
    }

    [Fact]
    public async Task Resume_after_a_failed_parallel_branch_replays_the_committed_branches()
    {
        var failed = await _harness.RunAsync("""
            id: resumable-fan
            inputs:
              items: { type: list, default: [1, 2, 3] }
            steps:
              - id: fan
                parallel: { over: "${inputs.items}", as: n, maxDegree: 1 }
                do:
                  - { id: probe, uses: test/probe, with: { value: "${n * 10}" } }
                  - { id: gate, if: "${n == 2}", uses: test/toggle }
                  - { id: result, uses: log, with: { message: "${'item ' + n}" } }
            """);
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal("fan/1/gate", failed.Error?.StepKey);
        var probesBeforeResume = _harness.Probe.Executions;

        _harness.Toggle.Failing = false;
        var resumed = await _harness.Engine.ResumeAsync(failed.Id);

        Assert.True(resumed.Status == RunStatus.Succeeded, resumed.Error?.ToString());
        Assert.Equal(2, probesBeforeResume);
        Assert.Equal(3, _harness.Probe.Executions);
        JsonAssert.Equal("""[{ "message": "item 1" }, { "message": "item 2" }, { "message": "item 3" }]""", (await _harness.StepAsync(failed.Id, "fan")).Output);
    }

    [Fact]
    public async Task Resume_refuses_a_run_whose_stored_definition_does_not_match_its_pinned_hash()
    {
        var definition = _harness.Load("""
            id: tampered
            steps:
              - { id: first, uses: test/count, with: { label: first } }
            """);
        await _harness.Store.CreateRunAsync(new RunRecord
        {
            Id = "tampered-run",
            WorkflowId = "tampered",
            WorkflowVersion = 1,
            DefinitionHash = "sha256:0000",
            Definitions = new JsonObject { ["tampered@1"] = definition.Document.DeepClone() },
            Inputs = [],
            Seed = 1,
            Status = RunStatus.Failed,
            CreatedAt = DateTimeOffset.UnixEpoch,
        }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<RunSetupException>(() => _harness.Engine.ResumeAsync("tampered-run"));

        Assert.Contains("not the pinned sha256:0000", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Counting.TotalExecutions);
    }

    [Fact]
    public async Task Resuming_a_succeeded_run_returns_it_unchanged()
    {
        var run = await _harness.RunAsync("""
            id: done
            steps:
              - { id: first, uses: test/count, with: { label: first } }
            """);

        var again = await _harness.Engine.ResumeAsync(run.Id);

        Assert.Equal(RunStatus.Succeeded, again.Status);
        Assert.Equal(1, _harness.Counting.ExecutionsOf("first"));
    }

    [Fact]
    public async Task Starting_with_an_existing_run_id_does_not_run_the_workflow_twice()
    {
        var definition = _harness.Load("""
            id: idempotent
            steps:
              - { id: first, uses: test/count, with: { label: first } }
            """);
        var start = new RunStartOptions { RunId = "fixed-id" };

        await _harness.Engine.StartAsync(definition, null, new JsonObject(), start);
        var second = await _harness.Engine.StartAsync(definition, null, new JsonObject(), start);

        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.Equal(1, _harness.Counting.ExecutionsOf("first"));
        Assert.Single(await _harness.Store.ListRunsAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Starting_an_existing_run_id_with_other_inputs_is_refused()
    {
        var definition = _harness.Load("""
            id: idempotent
            inputs:
              n: { type: int, default: 1 }
            steps:
              - { id: first, uses: test/count, with: { label: first } }
            """);
        await _harness.Engine.StartAsync(definition, null, new JsonObject(), new RunStartOptions { RunId = "fixed-id" });

        var error = await Assert.ThrowsAsync<RunSetupException>(() =>
            _harness.Engine.StartAsync(definition, null, new JsonObject { ["n"] = 2 }, new RunStartOptions { RunId = "fixed-id" }));

        Assert.Contains("already exists with other inputs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_an_unknown_run_is_refused()
    {
        var error = await Assert.ThrowsAsync<RunSetupException>(() => _harness.Engine.ResumeAsync("no-such-run"));

        Assert.Contains("no run 'no-such-run'", error.Message, StringComparison.Ordinal);
    }
}
