using Orchestrator.Cli.Bench;

namespace Orchestrator.Cli.Tests.Bench;

/// <summary>An arm's median frontier over seeds, moment by moment: from the moment every seed has a frontier, held at each seed's last value.</summary>
public sealed class ReachCurveTests
{
    [Fact]
    public void The_median_line_starts_once_every_seed_has_finished_round_0_and_steps_where_a_seed_s_frontier_changes()
    {
        var curve = new ReachCurve("self-improve", "shipped", false,
        [
            new ReachCurve.Seed(1, [(1, 8), (3, 9), (5, 10)]),
            new ReachCurve.Seed(2, [(2, 8), (4, 8)]),
            new ReachCurve.Seed(3, [(1.5, 7), (6, 9)]),
        ]);

        // At 5 minutes seed 1 has 10, seed 2 has stopped at 8, seed 3 still has 7: median 8. At 6 seed 3 reaches 9.
        Assert.Equal([(2, 8), (3, 8), (4, 8), (5, 8), (6, 9)], curve.MedianLine());
        Assert.Equal((9, 8, 5), (curve.MedianFinalFrontier, curve.MinFinalFrontier, curve.MedianMinutes));
    }

    [Fact]
    public void An_even_number_of_seeds_takes_the_mean_of_the_middle_two()
    {
        var curve = new ReachCurve("self-label", "ensemble", false, [new ReachCurve.Seed(1, [(1, 8), (2, 9)]), new ReachCurve.Seed(2, [(1, 8), (3, 12)])]);

        Assert.Equal([(1, 8), (2, 8.5), (3, 10.5)], curve.MedianLine());
        Assert.Equal((10.5, 9, 2.5), (curve.MedianFinalFrontier, curve.MinFinalFrontier, curve.MedianMinutes));
    }

    [Fact]
    public void Before_its_round_0_a_seed_has_no_frontier()
    {
        var seed = new ReachCurve.Seed(1, [(2, 8), (3, 9)]);

        Assert.Equal([null, 8, 8, 9, 9], new[] { 1.9, 2, 2.5, 3, 100 }.Select(seed.FrontierAt));
    }
}
