using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine.Control;

/// <summary>A cancel requested through the control store stops a run as a Ctrl+C does, whichever process asked.</summary>
public sealed class CancelRequestTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset AskedAt = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private const string Blocking = """
        id: cancellable
        steps:
          - { id: first, uses: test/count, with: { label: first } }
          - { id: block, uses: test/block }
          - { id: last, uses: test/count, with: { label: last } }
        """;

    private const string Counting = """
        id: counted
        steps:
          - { id: first, uses: test/count, with: { label: first } }
        """;

    [Fact]
    public async Task A_cancel_requested_while_a_step_runs_cancels_the_run_on_the_next_poll_and_a_resume_completes_it_committing_every_step_once()
    {
        var time = new FakeTimeProvider();
        var harness = new EngineHarness(time);
        var running = StartAsync(harness, Blocking, "r");
        await Task.WhenAny(harness.Blocking.Started, running);
        Assert.True(harness.Blocking.Started.IsCompleted, "the run ended before reaching the blocking step");

        await harness.Control.RequestCancelAsync(new CancelRequest("r", "user:alice", "wrong seed", AskedAt), None);
        // The engine polls on its own clock: one interval later it has looked again and found the request.
        time.Advance(new EngineOptions().CancelPollInterval);
        var cancelled = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        Assert.Equal(CancelRequest.ErrorType, cancelled.Error?.Type);
        Assert.Equal(("block", 1), (cancelled.Error!.StepKey, cancelled.Error.Attempt));
        Assert.Contains("user:alice", cancelled.Error.Message, StringComparison.Ordinal);
        Assert.Contains("wrong seed", cancelled.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, cancelled.StepsCommitted);
        Assert.Equal(0, harness.Counting.ExecutionsOf("last"));
        Assert.NotNull(await harness.Control.FindCancelRequestAsync("r", None));

        harness.Blocking.Blocking = false;
        var resumed = await harness.Engine.ResumeAsync("r");

        Assert.Equal(RunStatus.Succeeded, resumed.Status);
        Assert.Null(resumed.Error);
        Assert.Equal(3, resumed.StepsCommitted);
        Assert.Equal(1, harness.Counting.ExecutionsOf("first"));
        Assert.Equal(2, harness.Blocking.Executions);
        Assert.Equal(1, harness.Counting.ExecutionsOf("last"));
        Assert.Equal(["first", "block", "last"], (await harness.JournalAsync("r")).Select(s => s.Key));
        Assert.All(await harness.JournalAsync("r"), s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.Null(await harness.Control.FindCancelRequestAsync("r", None));
    }

    [Fact]
    public async Task A_cancel_requested_before_a_run_with_that_id_starts_cancels_it_before_its_first_step()
    {
        var harness = new EngineHarness();
        await harness.Control.RequestCancelAsync(new CancelRequest("early", "user:bob", "", AskedAt), None);

        var run = await StartAsync(harness, Counting, "early").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal(0, harness.Counting.TotalExecutions);
        Assert.Empty(await harness.JournalAsync("early"));
        // Nothing had started, so the error is at the workflow's root.
        Assert.Equal((CancelRequest.ErrorType, "", ""), (run.Error?.Type, run.Error?.StepKey, run.Error?.Pointer));
        Assert.Contains("user:bob", run.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queued_run_whose_cancel_was_requested_while_it_waited_is_cancelled_when_a_worker_starts_it_and_runs_when_resumed_again()
    {
        var harness = new EngineHarness();
        await harness.Engine.CreateAsync(harness.Load(Counting), null, new JsonObject(), new RunStartOptions { RunId = "q", Queue = "default" });
        await harness.Control.RequestCancelAsync(new CancelRequest("q", "user:bob", "not needed after all", AskedAt), None);

        // A worker starts a queued run with ResumeAsync: that must not withdraw the request.
        var started = await harness.Engine.ResumeAsync("q").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Cancelled, started.Status);
        Assert.Equal(CancelRequest.ErrorType, started.Error?.Type);
        Assert.Equal(0, harness.Counting.TotalExecutions);

        var resumed = await harness.Engine.ResumeAsync("q");

        Assert.Equal(RunStatus.Succeeded, resumed.Status);
        Assert.Equal(1, harness.Counting.ExecutionsOf("first"));
        Assert.Null(await harness.Control.FindCancelRequestAsync("q", None));
    }

    [Fact]
    public async Task A_resume_refused_because_another_engine_executes_the_run_leaves_the_request_for_that_engine()
    {
        var time = new FakeTimeProvider();
        var harness = new EngineHarness(time);
        var running = StartAsync(harness, Blocking, "r");
        await harness.Blocking.Started;
        await harness.Control.RequestCancelAsync(new CancelRequest("r", "user:alice", "stop it", AskedAt), None);
        var other = new WorkflowEngine(harness.Store, new InProcessStepDispatcher(harness.Activities, time), time: time, control: harness.Control);

        await Assert.ThrowsAsync<RunLeaseHeldException>(() => other.ResumeAsync("r"));

        Assert.NotNull(await harness.Control.FindCancelRequestAsync("r", None));
        time.Advance(new EngineOptions().CancelPollInterval);
        Assert.Equal(RunStatus.Cancelled, (await running.WaitAsync(TimeSpan.FromSeconds(30))).Status);
    }

    [Fact]
    public async Task A_second_request_while_one_is_pending_keeps_the_first()
    {
        var harness = new EngineHarness();
        await harness.Control.RequestCancelAsync(new CancelRequest("r", "user:alice", "first", AskedAt), None);
        await harness.Control.RequestCancelAsync(new CancelRequest("r", "user:bob", "second", AskedAt.AddMinutes(1)), None);

        Assert.Equal(new CancelRequest("r", "user:alice", "first", AskedAt), await harness.Control.FindCancelRequestAsync("r", None));
    }

    private static Task<RunRecord> StartAsync(EngineHarness harness, string yaml, string runId) =>
        harness.Engine.StartAsync(harness.Load(yaml), null, new JsonObject(), new RunStartOptions { RunId = runId });
}
