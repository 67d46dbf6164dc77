using Orchestrator.Core.Gate;

namespace Orchestrator.Core.Tests.Gate;

public sealed class GateRuleFrontierTests
{
    private static readonly GateCriteria Criteria = new();

    private static (int Length, int Correct, int Items) Mastered(int length) => (length, 512, 512);

    private static (int Length, int Correct, int Items) NotMastered(int length) => (length, 480, 512);

    [Fact]
    public void The_frontier_is_the_longest_contiguous_mastered_prefix()
    {
        Assert.Equal(3, GateRule.Frontier([Mastered(1), Mastered(2), Mastered(3), NotMastered(4), Mastered(5)], Criteria));
    }

    [Fact]
    public void The_frontier_is_zero_when_length_one_is_not_mastered()
    {
        Assert.Equal(0, GateRule.Frontier([NotMastered(1), Mastered(2), Mastered(3)], Criteria));
    }

    [Fact]
    public void A_gap_in_the_lengths_ends_the_frontier()
    {
        Assert.Equal(2, GateRule.Frontier([Mastered(1), Mastered(2), Mastered(4), Mastered(5)], Criteria));
    }

    [Fact]
    public void Lengths_may_be_given_in_any_order()
    {
        Assert.Equal(4, GateRule.Frontier([Mastered(3), Mastered(1), NotMastered(5), Mastered(4), Mastered(2)], Criteria));
    }

    [Fact]
    public void Every_length_mastered_puts_the_frontier_at_the_longest()
    {
        Assert.Equal(6, GateRule.Frontier(Enumerable.Range(1, 6).Select(Mastered), Criteria));
    }

    [Fact]
    public void No_lengths_give_a_frontier_of_zero()
    {
        Assert.Equal(0, GateRule.Frontier([], Criteria));
    }

    [Fact]
    public void A_lower_mastery_level_moves_the_frontier_out()
    {
        IEnumerable<(int, int, int)> lengths = [Mastered(1), NotMastered(2), Mastered(3)];

        Assert.Equal(1, GateRule.Frontier(lengths, Criteria));
        Assert.Equal(3, GateRule.Frontier(lengths, Criteria with { Mastery = 0.9 }));
    }
}
