using Orchestrator.Core.Gate;
using Orchestrator.Core.Statistics;

namespace Orchestrator.Core.Tests.Gate;

public sealed class GateRuleMasteryTests
{
    private static readonly GateCriteria Criteria = new();

    [Fact]
    public void All_of_512_right_is_mastered_at_95_percent()
    {
        Assert.True(ClopperPearson.Lower(512, 512, 0.95) >= 0.95);
        Assert.True(GateRule.IsMastered(512, 512, Criteria));
    }

    [Fact]
    public void Right_on_480_of_512_is_not_mastered_at_95_percent()
    {
        Assert.True(ClopperPearson.Lower(480, 512, 0.95) < 0.95);
        Assert.False(GateRule.IsMastered(480, 512, Criteria));
    }

    [Fact]
    public void Mastery_starts_exactly_where_the_lower_bound_reaches_the_mastery_level()
    {
        var threshold = Enumerable.Range(0, 513).First(correct => ClopperPearson.Lower(correct, 512, Criteria.Confidence) >= Criteria.Mastery);

        Assert.InRange(threshold, 481, 511);
        Assert.True(GateRule.IsMastered(threshold, 512, Criteria));
        Assert.False(GateRule.IsMastered(threshold - 1, 512, Criteria));
    }

    [Fact]
    public void A_point_estimate_above_the_mastery_level_is_not_enough_on_few_items()
    {
        Assert.False(GateRule.IsMastered(20, 20, Criteria));
        Assert.True(GateRule.IsMastered(20, 20, Criteria with { Mastery = 0.85 }));
    }

    [Fact]
    public void A_length_without_items_is_not_mastered()
    {
        Assert.False(GateRule.IsMastered(0, 0, Criteria));
    }
}
