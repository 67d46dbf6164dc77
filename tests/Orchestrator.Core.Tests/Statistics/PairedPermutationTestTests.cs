using Orchestrator.Core.Statistics;

namespace Orchestrator.Core.Tests.Statistics;

public sealed class PairedPermutationTestTests
{
    [Fact]
    public void Five_positive_differences_give_the_smallest_possible_p_of_one_in_32()
    {
        Assert.Equal(1.0 / 32, PairedPermutationTest.OneSided([0.5, 0.2, 0.9, 0.1, 0.3]), 12);
    }

    [Fact]
    public void Equal_differences_tie_and_count_as_at_least_as_extreme()
    {
        // Every assignment with the same sum is counted: with all differences equal only all-plus reaches it.
        Assert.Equal(1.0 / 8, PairedPermutationTest.OneSided([1, 1, 1]), 12);
    }

    [Fact]
    public void A_mixed_result_is_weak_evidence()
    {
        // Sums of ±1 ±2 ±3 ±4 are 10 minus twice the flipped magnitudes: the observed 1-2+3+4 = 6 is reached or beaten
        // when the flipped ones add up to at most 2 — none, {1} or {2} — so by 3 of the 16 sign assignments.
        Assert.Equal(3.0 / 16, PairedPermutationTest.OneSided([1, -2, 3, 4]), 12);
        Assert.True(PairedPermutationTest.OneSided([-1, -2, -3]) > 0.9);
    }
}
