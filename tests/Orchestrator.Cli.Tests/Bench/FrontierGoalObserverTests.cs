using System.Text.Json.Nodes;
using Orchestrator.Cli.Bench;
using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Tests.Bench;

/// <summary>The improved arm of <c>bench meta</c> stops at the end of the round that reaches the baseline's final frontier, not before and not later.</summary>
public sealed class FrontierGoalObserverTests
{
    [Fact]
    public void Stops_after_the_advance_of_the_first_round_whose_gate_reaches_the_goal()
    {
        using var stop = new CancellationTokenSource();
        var observer = new FrontierGoalObserver(NullRunObserver.Instance, goal: 11, stop);

        Finish(observer, "round/0/gate", new JsonObject { ["frontier"] = 10 });
        Finish(observer, "round/0/advance", null);
        Assert.False(stop.IsCancellationRequested);

        Finish(observer, "round/1/gate", new JsonObject { ["frontier"] = 11 });
        Assert.False(stop.IsCancellationRequested);   // the round's promote and advance are still to be journalled
        Finish(observer, "round/1/advance", null);
        Assert.True(stop.IsCancellationRequested);
        Assert.True(observer.Reached);
    }

    [Fact]
    public void A_skipped_gate_or_a_step_of_another_loop_does_not_stop_the_run()
    {
        using var stop = new CancellationTokenSource();
        var observer = new FrontierGoalObserver(NullRunObserver.Instance, goal: 3, stop);

        Finish(observer, "round/0/inner/2/gate", new JsonObject { ["frontier"] = 9 });
        Finish(observer, "round/0/gate", null);
        Finish(observer, "round/0/advance", null);

        Assert.False(stop.IsCancellationRequested);
        Assert.False(observer.Reached);
    }

    private static void Finish(FrontierGoalObserver observer, string key, JsonNode? output) =>
        observer.StepFinished("run", new StepRecord { Key = key, StepId = key[(key.LastIndexOf('/') + 1)..], Pointer = "/steps/4", Kind = "activity", Status = StepStatus.Succeeded, Output = output }, TimeSpan.Zero);
}
