using Orchestrator.Core.Statistics;

namespace Orchestrator.Core.Tests.Statistics;

public sealed class ClopperPearsonTests
{
    [Theory]
    [InlineData(1024, 1024, 0.9971)]
    [InlineData(1020, 1024, 0.9911)]
    [InlineData(1014, 1024, 0.9835)]
    [InlineData(512, 512, 0.9942)]
    [InlineData(256, 256, 0.9884)]
    public void Lower_bounds_match_the_reference_table(int successes, int trials, double expected)
    {
        Assert.Equal(expected, ClopperPearson.Lower(successes, trials), 4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(4096)]
    public void At_all_successes_the_lower_bound_is_alpha_to_the_one_over_n(int n)
    {
        Assert.Equal(Math.Pow(0.05, 1.0 / n), ClopperPearson.Lower(n, n), 10);
        Assert.Equal(1 - Math.Pow(0.05, 1.0 / n), ClopperPearson.Upper(0, n), 10);
    }

    [Fact]
    public void The_bounds_bracket_the_estimate_and_tighten_with_more_trials()
    {
        var small = (ClopperPearson.Lower(45, 50), ClopperPearson.Upper(45, 50));
        var large = (ClopperPearson.Lower(900, 1000), ClopperPearson.Upper(900, 1000));

        Assert.True(small.Item1 < 0.9 && 0.9 < small.Item2);
        Assert.True(large.Item1 < 0.9 && 0.9 < large.Item2);
        Assert.True(large.Item2 - large.Item1 < small.Item2 - small.Item1);
        Assert.Equal(0, ClopperPearson.Lower(0, 10));
        Assert.Equal(1, ClopperPearson.Upper(10, 10));
    }

    [Fact]
    public void Impossible_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Lower(11, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Lower(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Lower(1, 10, confidence: 1));
    }
}
