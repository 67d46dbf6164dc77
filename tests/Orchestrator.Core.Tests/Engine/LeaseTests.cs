using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

/// <summary>Only one engine executes a run at a time; the lease is released when the run stops.</summary>
public sealed class LeaseTests
{
    private const string Blocking = """
        id: leased
        steps:
          - { id: first, uses: set, with: { x: 1 } }
          - { id: hold, uses: test/block }
        """;

    [Fact]
    public async Task A_second_engine_cannot_resume_a_run_another_engine_is_executing()
    {
        var harness = new EngineHarness();
        using var stop = new CancellationTokenSource();
        var running = harness.Engine.StartAsync(harness.Load(Blocking), null, new JsonObject(), new RunStartOptions { RunId = "r" }, stop.Token);
        await harness.Blocking.Started;
        var other = new WorkflowEngine(harness.Store, new InProcessStepDispatcher(harness.Activities));

        var refused = await Assert.ThrowsAsync<RunLeaseHeldException>(() => other.ResumeAsync("r"));

        Assert.Contains("run r is being executed by", refused.Message, StringComparison.Ordinal);
        Assert.Contains($":{Environment.ProcessId}:", refused.Message, StringComparison.Ordinal);
        await stop.CancelAsync();
        Assert.Equal(RunStatus.Cancelled, (await running).Status);
        Assert.Equal(1, harness.Blocking.Executions);
    }

    [Fact]
    public async Task Once_the_executing_engine_stops_another_may_resume_and_finish_the_run()
    {
        var harness = new EngineHarness();
        using var stop = new CancellationTokenSource();
        var running = harness.Engine.StartAsync(harness.Load(Blocking), null, new JsonObject(), new RunStartOptions { RunId = "r" }, stop.Token);
        await harness.Blocking.Started;
        await stop.CancelAsync();
        await running;
        harness.Blocking.Blocking = false;
        var other = new WorkflowEngine(harness.Store, new InProcessStepDispatcher(harness.Activities));

        var finished = await other.ResumeAsync("r");

        Assert.Equal(RunStatus.Succeeded, finished.Status);
    }

    [Fact]
    public void An_owner_from_a_process_that_no_longer_exists_on_this_machine_is_dead()
    {
        Assert.True(RunOwner.IsDeadOnThisMachine($"{Environment.MachineName}:{int.MaxValue - 7}:abcdef01"));
        Assert.False(RunOwner.IsDeadOnThisMachine(RunOwner.Create()));
        Assert.False(RunOwner.IsDeadOnThisMachine("another-host:1:abcdef01"));
        Assert.False(RunOwner.IsDeadOnThisMachine("not an owner"));
    }
}
