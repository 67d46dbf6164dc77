using Orchestrator.Core.Gate;
using Orchestrator.Core.Statistics;

namespace Orchestrator.Core.Tests.Gate;

public sealed class GateRuleDecideTests
{
    private const int Items = 512;
    private const int TargetItems = 64;
    private static readonly GateCriteria Criteria = new();

    private static LengthScores Both(int length, IReadOnlyList<bool> outcomes) => new(length, outcomes, outcomes);

    /// <summary>Lengths 1 to 3 mastered by both, then <paramref name="rest"/>.</summary>
    private static List<LengthScores> MasteredUpTo3(params LengthScores[] rest) =>
        [.. Enumerable.Range(1, 3).Select(l => Both(l, Outcomes.AllRight(Items))), .. rest];

    [Fact]
    public void A_candidate_identical_to_the_champion_never_passes()
    {
        var scores = MasteredUpTo3(Both(4, Outcomes.Right(30, TargetItems)), Both(5, Outcomes.Right(3, TargetItems)));

        var verdict = GateRule.Decide(scores, [4, 5], Criteria);

        Assert.False(verdict.Passed);
        Assert.Equal(1.0, verdict.PValue);
        Assert.Equal((0, 0), (verdict.CandidateOnlyRight, verdict.ChampionOnlyRight));
        Assert.Equal((3, 3), (verdict.CandidateFrontier, verdict.ChampionFrontier));
        Assert.Empty(verdict.Regressions);
        Assert.StartsWith("not significantly better on lengths 4,5: 0 vs 0 discordant", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_candidate_right_on_many_more_target_items_passes()
    {
        var scores = MasteredUpTo3(new LengthScores(4, Outcomes.Right(50, TargetItems), Outcomes.Right(20, TargetItems)));

        var verdict = GateRule.Decide(scores, [4], Criteria);

        Assert.True(verdict.Passed, verdict.Reason);
        Assert.Equal((30, 0), (verdict.CandidateOnlyRight, verdict.ChampionOnlyRight));
        Assert.Equal(McNemarTest.OneSidedPValue(30, 0), verdict.PValue);
        Assert.True(verdict.PValue <= Criteria.Alpha);
        Assert.Empty(verdict.Regressions);
        Assert.StartsWith("better on lengths 4: 30 vs 0 discordant", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_few_more_wins_than_losses_is_not_significant()
    {
        var scores = MasteredUpTo3(new LengthScores(4, Outcomes.Right(10, TargetItems), Outcomes.Right(8, TargetItems, from: 4)));

        var verdict = GateRule.Decide(scores, [4], Criteria);

        Assert.Equal((4, 2), (verdict.CandidateOnlyRight, verdict.ChampionOnlyRight));
        Assert.Equal(McNemarTest.OneSidedPValue(4, 2), verdict.PValue, 12);
        Assert.False(verdict.Passed);
    }

    [Fact]
    public void Alpha_sets_how_strong_the_evidence_must_be()
    {
        var scores = MasteredUpTo3(new LengthScores(4, Outcomes.Right(8, TargetItems), Outcomes.Right(2, TargetItems)));
        var pValue = McNemarTest.OneSidedPValue(6, 0);

        Assert.False(GateRule.Decide(scores, [4], Criteria with { Alpha = pValue / 2 }).Passed);
        Assert.True(GateRule.Decide(scores, [4], Criteria with { Alpha = pValue }).Passed);
    }

    [Fact]
    public void Discordant_pairs_are_pooled_over_the_target_lengths_only()
    {
        var scores = new List<LengthScores>
        {
            Both(1, Outcomes.AllRight(Items)),
            new(2, Outcomes.Right(Items - 1, Items, from: 1), Outcomes.Right(Items - 1, Items)),
            new(3, Outcomes.Right(Items - 2, Items), Outcomes.Right(Items - 2, Items, from: 2)),
            new(4, Outcomes.Right(10, TargetItems), Outcomes.Right(8, TargetItems, from: 3)),
            new(5, Outcomes.Right(4, TargetItems), Outcomes.Right(1, TargetItems, from: 10)),
        };

        var verdict = GateRule.Decide(scores, [4, 5], Criteria);

        Assert.Equal((3 + 4, 1 + 1), (verdict.CandidateOnlyRight, verdict.ChampionOnlyRight));
        Assert.Equal(McNemarTest.OneSidedPValue(7, 2), verdict.PValue, 12);
    }

    [Fact]
    public void A_target_length_without_scores_adds_no_pairs()
    {
        var scores = MasteredUpTo3(new LengthScores(4, Outcomes.Right(50, TargetItems), Outcomes.Right(20, TargetItems)));

        var verdict = GateRule.Decide(scores, [4, 9], Criteria);

        Assert.Equal((30, 0), (verdict.CandidateOnlyRight, verdict.ChampionOnlyRight));
    }

    [Fact]
    public void Better_on_the_targets_but_worse_on_a_mastered_length_fails_and_names_that_length()
    {
        const int regressed = 470;
        var floor = Math.Min(Criteria.Mastery, 1.0) - Criteria.MaxRegression;
        Assert.True(ClopperPearson.Lower(regressed, Items, Criteria.Confidence) < floor);
        var scores = new List<LengthScores>
        {
            Both(1, Outcomes.AllRight(Items)),
            new(2, Outcomes.Right(regressed, Items), Outcomes.AllRight(Items)),
            Both(3, Outcomes.AllRight(Items)),
            new(4, Outcomes.Right(50, TargetItems), Outcomes.Right(20, TargetItems)),
        };

        var verdict = GateRule.Decide(scores, [4], Criteria);

        Assert.False(verdict.Passed);
        Assert.True(verdict.PValue <= Criteria.Alpha);
        Assert.Equal([2], verdict.Regressions);
        Assert.Equal((1, 3), (verdict.CandidateFrontier, verdict.ChampionFrontier));
        Assert.Equal($"better on the targets (p = {verdict.PValue:G3}) but regressed on mastered length(s) 2", verdict.Reason);
    }

    [Fact]
    public void The_regression_line_is_the_mastery_level_less_the_allowed_regression()
    {
        var floor = Criteria.Mastery - Criteria.MaxRegression;
        var lowest = Enumerable.Range(0, Items + 1).First(correct => ClopperPearson.Lower(correct, Items, Criteria.Confidence) >= floor);

        LengthScores Scored(int candidateCorrect) => new(1, Outcomes.Right(candidateCorrect, Items), Outcomes.AllRight(Items));

        Assert.Empty(GateRule.Decide([Scored(lowest)], [], Criteria).Regressions);
        Assert.Equal([1], GateRule.Decide([Scored(lowest - 1)], [], Criteria).Regressions);
    }

    [Fact]
    public void A_drop_within_the_allowed_regression_is_not_a_regression()
    {
        var scores = MasteredUpTo3(new LengthScores(4, Outcomes.Right(50, TargetItems), Outcomes.Right(20, TargetItems)));
        scores[1] = new LengthScores(2, Outcomes.Right(490, Items), Outcomes.AllRight(Items));

        var verdict = GateRule.Decide(scores, [4], Criteria);

        Assert.True(verdict.Passed, verdict.Reason);
        Assert.Empty(verdict.Regressions);
        Assert.Equal(1, verdict.CandidateFrontier);
    }

    [Fact]
    public void Lengths_beyond_the_champions_frontier_cannot_regress()
    {
        var scores = new List<LengthScores>
        {
            Both(1, Outcomes.AllRight(Items)),
            new(2, Outcomes.Right(100, Items), Outcomes.Right(480, Items)),
            new(3, Outcomes.Right(50, TargetItems), Outcomes.Right(20, TargetItems)),
        };

        var verdict = GateRule.Decide(scores, [3], Criteria);

        Assert.Equal(1, verdict.ChampionFrontier);
        Assert.Empty(verdict.Regressions);
        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Fact]
    public void Not_better_and_regressed_reports_both()
    {
        var scores = MasteredUpTo3(Both(4, Outcomes.Right(30, TargetItems)));
        scores[2] = new LengthScores(3, Outcomes.Right(400, Items), Outcomes.AllRight(Items));

        var verdict = GateRule.Decide(scores, [4], Criteria);

        Assert.False(verdict.Passed);
        Assert.Equal([3], verdict.Regressions);
        Assert.Equal($"not significantly better (p = {verdict.PValue:G3}) and regressed on length(s) 3", verdict.Reason);
    }

    [Fact]
    public void Frontiers_of_both_models_are_reported()
    {
        var scores = MasteredUpTo3(new LengthScores(4, Outcomes.AllRight(Items), Outcomes.Right(400, Items)));

        var verdict = GateRule.Decide(scores, [4], Criteria);

        Assert.Equal((4, 3), (verdict.CandidateFrontier, verdict.ChampionFrontier));
    }
}
