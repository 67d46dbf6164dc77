using Orchestrator.Cli.Bench;

namespace Orchestrator.Cli.Tests.Bench;

/// <summary>The improved arm gets the post-training steps the baseline spent, and the baseline's final frontier as its goal.</summary>
public sealed class EqualComputeTests
{
    [Fact]
    public void The_budget_is_the_steps_the_baseline_spent_after_round_0_and_the_goal_its_final_frontier()
    {
        var baseline = new[] { Point(0, 8, 9000), Point(2, 10, 9800), Point(1, 9, 9400) };

        var inputs = EqualCompute.InputsFor(baseline);

        Assert.Equal(800, inputs[EqualCompute.BudgetInput]!.GetValue<long>());
        Assert.Equal(EqualCompute.RoundsCap, inputs["rounds"]!.GetValue<int>());
        Assert.Equal(10, EqualCompute.Goal(baseline));
    }

    [Fact]
    public void A_baseline_that_trained_nothing_gives_no_rounds_and_one_that_gained_nothing_no_goal()
    {
        Assert.Equal(0, EqualCompute.InputsFor([Point(0, 8, 9000)])["rounds"]!.GetValue<int>());
        Assert.Null(EqualCompute.Goal([Point(0, 8, 9000), Point(1, 8, 9400)]));
    }

    private static RoundPoint Point(int round, int frontier, long steps) =>
        new("baseline", 1, round, frontier, frontier, round > 0, null, 0, steps, 0, new Dictionary<int, double>());
}
