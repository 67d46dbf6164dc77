using System.Globalization;
using System.Text;

namespace Orchestrator.Cli.Bench;

/// <summary>One row per arm and seed: where it started and ended, how fast it got there and what it cost.</summary>
public static class BenchSummary
{
    public sealed record Row(string Arm, long Seed, int BaseFrontier, int FinalFrontier, int Rounds, int Promotions, long TrainingSteps, double Minutes, double? MinutesToTarget);

    public static IReadOnlyList<Row> Rows(IReadOnlyList<RoundPoint> points, int target) =>
        points.GroupBy(p => (p.Arm, p.Seed)).Select(g =>
        {
            var ordered = g.OrderBy(p => p.Round).ToList();
            var reached = ordered.FirstOrDefault(p => p.Frontier >= target);
            return new Row(g.Key.Arm, g.Key.Seed, ordered[0].Frontier, ordered[^1].Frontier, ordered.Count - 1, ordered.Skip(1).Count(p => p.Promoted),
                ordered[^1].TrainingSteps, Math.Round(ordered[^1].WallSeconds / 60, 1), reached is null ? null : Math.Round(reached.WallSeconds / 60, 1));
        }).ToList();

    public static string Markdown(IReadOnlyList<Row> rows, int target)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| arm | seed | base frontier | final frontier | rounds | promotions | training steps | minutes | minutes to frontier {target} |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Arm} | {r.Seed} | {r.BaseFrontier} | {r.FinalFrontier} | {r.Rounds} | {r.Promotions} | {r.TrainingSteps:N0} | {r.Minutes:0.0} | {(r.MinutesToTarget is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) : "not reached")} |");
        return text.ToString();
    }
}
