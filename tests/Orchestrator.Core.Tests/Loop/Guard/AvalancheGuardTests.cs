using Orchestrator.Core.Loop.Guard;

namespace Orchestrator.Core.Tests.Loop.Guard;

public sealed class AvalancheGuardTests
{
    private static AvalancheGuardOutput Judge(double? precision, double[] history, int frontier = 10, int previousFrontier = 10, int window = 3, double maxDrop = 0.05) =>
        AvalancheGuardActivity.Judge(new AvalancheGuardOptions { Precision = precision, History = [.. history], Frontier = frontier, PreviousFrontier = previousFrontier, Window = window, MaxDrop = maxDrop });

    [Fact]
    public void The_first_audited_round_never_trips()
    {
        var verdict = Judge(0.5, []);

        Assert.False(verdict.Tripped);
        Assert.Null(verdict.Peak);
    }

    [Fact]
    public void Precision_falling_below_the_recent_best_by_more_than_max_drop_trips_it()
    {
        var verdict = Judge(0.80, [0.97, 0.95]);

        Assert.True(verdict.Tripped);
        Assert.Equal(0.97, verdict.Peak);
        Assert.Contains("fell to 0.800 from 0.970", verdict.Reason);
    }

    [Fact]
    public void A_wobble_within_max_drop_does_not()
    {
        Assert.False(Judge(0.93, [0.97, 0.95]).Tripped);
    }

    [Fact]
    public void Only_the_last_window_rounds_count()
    {
        Assert.False(Judge(0.85, [0.99, 0.88, 0.87, 0.86], window: 3).Tripped);
        Assert.True(Judge(0.85, [0.99, 0.88, 0.87, 0.86], window: 4).Tripped);
    }

    [Fact]
    public void A_regressed_frontier_trips_it_even_with_good_labels()
    {
        var verdict = Judge(0.99, [0.98], frontier: 9, previousFrontier: 10);

        Assert.True(verdict.Tripped);
        Assert.Contains("frontier fell from 10 to 9", verdict.Reason);
    }

    [Fact]
    public void A_round_with_nothing_audited_is_judged_on_the_frontier_alone()
    {
        Assert.False(Judge(null, [0.99]).Tripped);
        Assert.True(Judge(null, [0.99], frontier: 3, previousFrontier: 4).Tripped);
    }

    [Fact]
    public void Out_of_range_inputs_are_refused()
    {
        var result = new AvalancheGuardOptionsValidator().Validate(new AvalancheGuardOptions { Precision = 1.2, History = [0.5, 2], MaxDrop = -1 });

        Assert.Equal(["History", "MaxDrop", "Precision"], result.Errors.Select(e => e.PropertyName).Distinct().Order());
    }
}
