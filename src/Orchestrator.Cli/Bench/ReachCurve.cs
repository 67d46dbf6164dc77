namespace Orchestrator.Cli.Bench;

/// <summary>
/// How far one arm of one suite reached in wall-clock time: each seed's frontier after each round (round 0 included)
/// against minutes since its run started, and the median over seeds at every moment. A frontier holds from the round
/// that set it until the next round ends, and after a seed's last round it holds at its final value (the champion it
/// ended with does not get worse by stopping). The median starts once every seed has finished round 0.
/// </summary>
public sealed record ReachCurve(string Suite, string Arm, bool IsControl, IReadOnlyList<ReachCurve.Seed> Seeds)
{
    /// <summary>One seed's run: (minutes, frontier) after each round, in round order.</summary>
    public sealed record Seed(long Value, IReadOnlyList<(double Minutes, int Frontier)> Rounds)
    {
        public int FinalFrontier => Rounds[^1].Frontier;
        public double Minutes => Rounds[^1].Minutes;

        public static Seed From(long seed, IEnumerable<RoundPoint> points) =>
            new(seed, points.OrderBy(p => p.Round).Select(p => (p.WallSeconds / 60, p.Frontier)).ToList());

        /// <summary>The frontier at <paramref name="minutes"/>: the latest round finished by then, or none before round 0 is.</summary>
        public int? FrontierAt(double minutes)
        {
            int? frontier = null;
            foreach (var round in Rounds)
                if (round.Minutes <= minutes) frontier = round.Frontier;
            return frontier;
        }
    }

    public double MedianFinalFrontier => Median(Seeds.Select(s => (double)s.FinalFrontier));
    public int MinFinalFrontier => Seeds.Min(s => s.FinalFrontier);
    public double MedianMinutes => Median(Seeds.Select(s => s.Minutes));

    /// <summary>The median frontier over seeds at each moment any seed's frontier may change, from the last seed's round 0 to the last seed's end.</summary>
    public IReadOnlyList<(double Minutes, double Frontier)> MedianLine()
    {
        var start = Seeds.Max(s => s.Rounds[0].Minutes);
        return Seeds.SelectMany(s => s.Rounds.Select(r => r.Minutes)).Where(m => m > start).Prepend(start).Distinct().Order()
            .Select(m => (m, Median(Seeds.Select(s => (double)s.FrontierAt(m)!.Value)))).ToList();
    }

    /// <summary>The middle value, or the mean of the two middle values for an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) throw new InvalidOperationException("the median of no values");
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
