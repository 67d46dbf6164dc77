using Orchestrator.Core.Gate;

namespace Orchestrator.Core.Tests.Gate;

public sealed class GateLooksTests
{
    [Fact]
    public void Three_looks_at_256_items_see_64_then_128_then_all()
    {
        Assert.Equal([64, 128, 256], GateLooks.Split(256, 3).Items);
        Assert.Equal([256], GateLooks.Single(256).Items);
    }

    [Theory]
    [InlineData(256, 1)]
    [InlineData(256, 3)]
    [InlineData(100, 4)]
    public void The_shares_of_every_look_add_up_to_the_whole_error_rate(int items, int looks)
    {
        var schedule = GateLooks.Split(items, looks);

        Assert.Equal(1.0, schedule.Items.Sum(schedule.Share), 12);
        Assert.All(schedule.Items, n => Assert.InRange(schedule.Share(n), 1e-9, 1.0));
    }

    [Fact]
    public void Early_looks_spend_little_and_the_last_look_most()
    {
        var schedule = GateLooks.Split(256, 3);

        Assert.Equal(1.0 / 16, schedule.Share(64), 12);
        Assert.Equal(3.0 / 16, schedule.Share(128), 12);
        Assert.Equal(12.0 / 16, schedule.Share(256), 12);
    }

    [Fact]
    public void Looks_spend_alpha_and_confidence_per_look_and_one_look_spends_it_all()
    {
        var sequential = new GateCriteria(Alpha: 0.005, Confidence: 0.95, Looks: GateLooks.Split(256, 3));
        var single = new GateCriteria(Alpha: 0.005, Confidence: 0.95, Looks: GateLooks.Single(256));

        Assert.Equal(0.005 / 16, sequential.AlphaAt(64), 12);
        Assert.Equal(1 - 0.05 * 12 / 16, sequential.ConfidenceAt(256), 12);
        Assert.Equal(0.005, single.AlphaAt(256), 12);
        Assert.Equal(0.95, single.ConfidenceAt(256), 12);
    }

    [Fact]
    public void The_last_look_allows_as_many_errors_for_mastery_as_a_single_look_does()
    {
        static int MostErrors(GateCriteria criteria, int items) => Enumerable.Range(0, items + 1).Last(e => e == 0 || GateRule.IsMastered(items - e, items, criteria));
        var sequential = new GateCriteria(Looks: GateLooks.Split(256, 3));
        var single = new GateCriteria(Looks: GateLooks.Single(256));

        Assert.Equal(MostErrors(single, 256), MostErrors(sequential, 256));
        Assert.False(GateRule.IsMastered(64, 64, sequential));
        Assert.True(GateRule.IsMastered(128, 128, sequential));
    }

    [Fact]
    public void Too_many_errors_for_the_last_look_settle_a_length_as_not_mastered_early()
    {
        var criteria = new GateCriteria(Looks: GateLooks.Split(256, 3));

        Assert.True(GateRule.CannotBeMastered(7, criteria, 256));
        Assert.False(GateRule.CannotBeMastered(6, criteria, 256));
    }

    [Fact]
    public void A_length_closed_early_counts_as_a_regression_only_when_its_regression_was_certain()
    {
        var criteria = new GateCriteria(Looks: GateLooks.Split(256, 3));
        static LengthScores Scores(int length, int items, int errors) =>
            new(length, Enumerable.Range(0, items).Select(i => i >= errors).ToArray(), Enumerable.Repeat(true, items).ToArray());
        // Length 1 is certain to regress (10 of 64 wrong); length 2 closed with it at 128 items, one wrong, unsettled.
        var scores = new[] { Scores(1, 64, 10), Scores(2, 128, 1), Scores(3, 256, 0) };

        var verdict = GateRule.Decide(scores, [3], criteria, knownChampionFrontier: 2);

        Assert.False(verdict.Passed);
        Assert.Equal([1], verdict.Regressions);
    }

    [Fact]
    public void A_count_that_is_no_look_is_refused_and_so_are_looks_that_would_repeat()
    {
        Assert.Throws<ArgumentException>(() => GateLooks.Split(256, 3).Share(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => GateLooks.Split(2, 3));
    }
}
