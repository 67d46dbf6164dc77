namespace Orchestrator.Core.Statistics;

/// <summary>
/// Exact (Clopper–Pearson) one-sided confidence bounds for a proportion. Near 1 a point estimate says little
/// (1024/1024 is not "100%"): the gate compares these bounds instead.
/// </summary>
public static class ClopperPearson
{
    /// <summary>The one-sided lower bound at <paramref name="confidence"/> (e.g. 0.95) for <paramref name="successes"/> of <paramref name="trials"/>.</summary>
    public static double Lower(int successes, int trials, double confidence = 0.95)
    {
        Check(successes, trials, confidence);
        return successes == 0 ? 0 : IncompleteBeta.Inverse(successes, trials - successes + 1, 1 - confidence);
    }

    /// <summary>The one-sided upper bound at <paramref name="confidence"/>.</summary>
    public static double Upper(int successes, int trials, double confidence = 0.95)
    {
        Check(successes, trials, confidence);
        return successes == trials ? 1 : IncompleteBeta.Inverse(successes + 1, trials - successes, confidence);
    }

    private static void Check(int successes, int trials, double confidence)
    {
        if (trials <= 0 || successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), $"need 0 <= successes ({successes}) <= trials ({trials}) and trials > 0");
        if (confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), "confidence must be between 0 and 1");
    }
}
