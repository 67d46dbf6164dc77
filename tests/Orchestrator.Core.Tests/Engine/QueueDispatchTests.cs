using System.Collections.Concurrent;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

/// <summary>The engine hands each attempt's queue to the dispatcher: the step's own, else its enclosing parallel step's.</summary>
public sealed class QueueDispatchTests
{
    private sealed class RecordingDispatcher(IStepDispatcher inner) : IStepDispatcher
    {
        public ConcurrentDictionary<string, string?> Queues { get; } = new();

        public ValueTask<ActivityOutcome> DispatchAsync(StepInvocation invocation, CancellationToken cancellationToken)
        {
            Queues[invocation.StepKey] = invocation.Queue;
            return inner.DispatchAsync(invocation, cancellationToken);
        }
    }

    [Fact]
    public async Task Each_attempt_carries_its_steps_queue_or_the_enclosing_parallels()
    {
        var harness = new EngineHarness();
        var dispatcher = new RecordingDispatcher(new InProcessStepDispatcher(harness.Activities));
        var engine = new WorkflowEngine(harness.Store, dispatcher);
        var definition = harness.Load("""
            id: queued
            steps:
              - { id: plain, uses: log, with: { message: hi } }
              - { id: train, uses: log, queue: train, with: { message: hi } }
              - id: fan
                parallel: { over: [1, 2] }
                queue: fan
                do:
                  - id: inner
                    loop: { times: 1 }
                    do:
                      - { id: deep, uses: log, with: { message: "item ${item}" } }
                  - { id: own, uses: log, queue: train, with: { message: "item ${item}" } }
            """);

        var run = await engine.StartAsync(definition, null, new());

        Assert.True(run.Status == RunStatus.Succeeded, run.Error?.ToString());
        Assert.Null(dispatcher.Queues["plain"]);
        Assert.Equal("train", dispatcher.Queues["train"]);
        Assert.Equal("fan", dispatcher.Queues["fan/0/inner/0/deep"]);
        Assert.Equal("fan", dispatcher.Queues["fan/1/inner/0/deep"]);
        Assert.Equal("train", dispatcher.Queues["fan/1/own"]);
    }
}
