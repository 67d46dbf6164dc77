namespace Orchestrator.Core.Statistics;

/// <summary>Exact binomial tail probabilities, summed in log space so n in the tens of thousands stays accurate.</summary>
public static class Binomial
{
    /// <summary>P(X ≥ k) for X ~ Binomial(n, p).</summary>
    public static double UpperTail(int k, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (k <= 0) return 1;
        if (k > n) return 0;
        if (p <= 0) return 0;
        if (p >= 1) return 1;
        // The tail is a regularised incomplete beta function: P(X >= k) = I_p(k, n - k + 1).
        return IncompleteBeta.Regularized(k, n - k + 1, p);
    }
}
