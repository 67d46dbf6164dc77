using System.Numerics;
using Orchestrator.Core.Statistics;

namespace Orchestrator.Core.Tests.Statistics;

public sealed class McNemarTestTests
{
    [Theory]
    [InlineData(10, 2, 0.019)]
    [InlineData(20, 8, 0.018)]
    public void Matches_the_reference_examples(int b, int c, double expected)
    {
        Assert.Equal(expected, McNemarTest.OneSidedPValue(b, c), 3);
    }

    [Theory]
    [InlineData(10, 2)]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    [InlineData(37, 21)]
    [InlineData(600, 540)]
    [InlineData(1500, 1400)]
    public void Equals_the_exact_binomial_tail_computed_with_big_integers(int b, int c)
    {
        var n = b + c;
        var tail = BigInteger.Zero;
        var choose = BigInteger.One; // C(n, 0)
        for (var k = 0; k <= n; k++)
        {
            if (k >= b) tail += choose;
            choose = choose * (n - k) / (k + 1);
        }
        var exact = Math.Exp(BigInteger.Log(tail) - n * Math.Log(2));

        Assert.Equal(exact, McNemarTest.OneSidedPValue(b, c), 1e-9 * Math.Max(exact, 1e-300) + 1e-12);
    }

    [Fact]
    public void No_discordant_pairs_is_no_evidence()
    {
        Assert.Equal(1.0, McNemarTest.OneSidedPValue(0, 0));
    }

    [Fact]
    public void Discordant_pairs_are_counted_item_by_item()
    {
        var candidate = new[] { true, true, false, false, true };
        var champion = new[] { false, true, true, false, false };

        Assert.Equal((2, 1), McNemarTest.Discordant(candidate, champion));
        Assert.Throws<ArgumentException>(() => McNemarTest.Discordant(candidate, champion[..4]));
    }
}
