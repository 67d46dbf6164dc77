namespace Orchestrator.Core.Statistics;

/// <summary>
/// The exact one-sided McNemar test for paired right/wrong outcomes of a candidate and a champion on the same
/// items. Only discordant pairs carry information: <c>b</c> items the candidate got right and the champion wrong,
/// <c>c</c> the reverse. Under "no better", b out of b + c follows Binomial(b + c, ½).
/// </summary>
public static class McNemarTest
{
    /// <summary>P(X ≥ b) for X ~ Binomial(b + c, ½): how surprising the candidate's wins are if it is no better.</summary>
    public static double OneSidedPValue(int candidateOnlyRight, int championOnlyRight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(candidateOnlyRight);
        ArgumentOutOfRangeException.ThrowIfNegative(championOnlyRight);
        return Binomial.UpperTail(candidateOnlyRight, candidateOnlyRight + championOnlyRight, 0.5);
    }

    /// <summary>Counts the discordant pairs of two equally long lists of outcomes on the same items.</summary>
    public static (int CandidateOnlyRight, int ChampionOnlyRight) Discordant(IReadOnlyList<bool> candidate, IReadOnlyList<bool> champion)
    {
        if (candidate.Count != champion.Count)
            throw new ArgumentException($"paired outcomes must cover the same items: {candidate.Count} candidate vs {champion.Count} champion");
        var b = 0;
        var c = 0;
        for (var i = 0; i < candidate.Count; i++)
        {
            if (candidate[i] && !champion[i]) b++;
            else if (!candidate[i] && champion[i]) c++;
        }
        return (b, c);
    }
}
