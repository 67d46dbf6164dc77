using Orchestrator.Cli.Bench;

namespace Orchestrator.Cli.Tests.Bench;

/// <summary>
/// The improved arm gets the total compute the baseline's rounds spent (or, for a procedure without a compute
/// budget, their post-training steps), and the baseline's final frontier as its goal.
/// </summary>
public sealed class EqualComputeTests
{
    [Fact]
    public void The_budget_is_the_compute_the_baseline_spent_after_round_0_and_the_goal_its_final_frontier()
    {
        var baseline = new[] { Point(0, 8, 9000, 50_000), Point(2, 10, 9800, 53_500.5), Point(1, 9, 9400, 51_700) };

        var inputs = EqualCompute.InputsFor(baseline);

        Assert.Equal(3_500.5, inputs[EqualCompute.ComputeBudgetInput]!.GetValue<double>());
        Assert.Null(inputs[EqualCompute.BudgetInput]);
        Assert.Equal(EqualCompute.RoundsCap, inputs["rounds"]!.GetValue<int>());
        Assert.Equal(10, EqualCompute.Goal(baseline));
    }

    [Fact]
    public void A_procedure_without_a_compute_budget_gets_the_baseline_s_steps()
    {
        var baseline = new[] { Point(0, 8, 9000, 50_000), Point(1, 9, 9400, 51_700), Point(2, 10, 9800, 53_500) };

        var inputs = EqualCompute.InputsFor(baseline, byCompute: false);

        Assert.Equal(800, inputs[EqualCompute.BudgetInput]!.GetValue<long>());
        Assert.Null(inputs[EqualCompute.ComputeBudgetInput]);
    }

    [Fact]
    public void A_baseline_that_trained_nothing_gives_no_rounds_and_one_that_gained_nothing_no_goal()
    {
        Assert.Equal(0, EqualCompute.InputsFor([Point(0, 8, 9000, 50_000)])["rounds"]!.GetValue<int>());
        Assert.Null(EqualCompute.Goal([Point(0, 8, 9000, 50_000), Point(1, 8, 9400, 51_000)]));
    }

    [Fact]
    public void The_summary_s_ratio_is_of_compute_with_cpu_seconds_and_steps_beside_it()
    {
        // The improved procedure trains less per round, so it reaches 10 in fewer steps but more rounds: its proposing
        // and gating make its compute ratio 0.75 where its steps ratio is 0.5.
        var points = new[]
        {
            Point(0, 8, 9000, 50_000, "baseline"), Point(1, 9, 9400, 52_000, "baseline"), Point(2, 10, 9800, 54_000, "baseline"),
            Point(0, 8, 9000, 50_000, "improved"), Point(1, 9, 9100, 51_000, "improved"), Point(2, 9, 9200, 52_000, "improved"),
            Point(3, 10, 9400, 53_000, "improved"),
        };

        var seed = Assert.Single(MetaSummary.Seeds(points, "baseline", "improved"));
        var table = MetaSummary.Markdown([seed], 0.6);

        Assert.Equal(0.75, seed.Ratio, 9);
        Assert.Equal((4_000.0, 800L), (seed.Baseline.Gflop, seed.Baseline.Steps));
        Assert.Equal((3_000.0, 400L, 30.0), (seed.Improved!.Gflop, seed.Improved.Steps, seed.Improved.CpuSeconds));
        Assert.Contains("| 1 | 10 | 4,000 | 3,000 | 0.75 | 40 | 30 | 800 | 400 |", table);
        Assert.Contains("Mean compute ratio 0.75 (target <= 0.60)", table);
    }

    // CPU seconds here are a hundredth of the GFLOP, so each figure can be told apart in the table.
    private static RoundPoint Point(int round, int frontier, long steps, double gflop, string arm = "baseline") =>
        new(arm, 1, round, frontier, frontier, round > 0, null, 0, steps, 0, new Dictionary<int, double>(), Gflop: gflop, CpuSeconds: gflop / 100);
}
