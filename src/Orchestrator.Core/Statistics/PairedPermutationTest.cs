namespace Orchestrator.Core.Statistics;

/// <summary>
/// The exact one-sided sign-flip test for paired differences (candidate minus baseline, one per seed): under the
/// null hypothesis each difference is as likely negative as positive, so the p-value is the share of the 2^n sign
/// assignments whose mean is at least the observed one. Exact for any n, no normality assumed; with 5 seeds the
/// smallest possible p-value is 1/32 = 0.031.
/// </summary>
public static class PairedPermutationTest
{
    public static double OneSided(IReadOnlyList<double> differences)
    {
        ArgumentOutOfRangeException.ThrowIfZero(differences.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(differences.Count, 20);
        var observed = differences.Sum();
        var assignments = 1 << differences.Count;
        var atLeast = 0;
        for (var signs = 0; signs < assignments; signs++)
        {
            var total = 0.0;
            for (var i = 0; i < differences.Count; i++) total += (signs & (1 << i)) == 0 ? differences[i] : -differences[i];
            // A small tolerance so sign assignments that tie the observed sum count as "at least" despite rounding.
            if (total >= observed - 1e-12) atLeast++;
        }
        return atLeast / (double)assignments;
    }
}
