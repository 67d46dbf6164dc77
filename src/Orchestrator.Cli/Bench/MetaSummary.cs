using System.Globalization;
using System.Text;
using Orchestrator.Core.Statistics;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// The meta benchmark's headline, per seed: the baseline procedure's final frontier and the training steps (after round
/// 0) it took, the steps the improved procedure needed to reach that frontier, and their ratio; over seeds, the mean
/// ratio and the exact one-sided paired permutation p-value that it is below the target ratio.
/// </summary>
public static class MetaSummary
{
    public sealed record Seed(long Value, int BaselineFrontier, long BaselineSteps, long? ImprovedSteps)
    {
        /// <summary>Improved steps over baseline steps; 1 or more when it never got there (counted as no saving).</summary>
        public double Ratio => ImprovedSteps is { } steps && BaselineSteps > 0 ? steps / (double)BaselineSteps : 1;
    }

    public static IReadOnlyList<Seed> Seeds(IReadOnlyList<RoundPoint> points, string baseline, string improved) =>
        points.Where(p => p.Arm == baseline).GroupBy(p => p.Seed).Select(g =>
        {
            var rounds = g.OrderBy(p => p.Round).ToList();
            var (start, final) = (rounds[0], rounds[^1]);
            var reached = points.Where(p => p.Arm == improved && p.Seed == g.Key).OrderBy(p => p.Round).FirstOrDefault(p => p.Frontier >= final.Frontier && p.Round > 0);
            return new Seed(g.Key, final.Frontier, final.TrainingSteps - start.TrainingSteps, reached is null ? null : reached.TrainingSteps - start.TrainingSteps);
        }).ToList();

    public static string Markdown(IReadOnlyList<Seed> seeds, double targetRatio)
    {
        var text = new StringBuilder();
        text.AppendLine("| seed | baseline final frontier | baseline steps after round 0 | improved steps to reach it | ratio |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in seeds)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Value} | {s.BaselineFrontier} | {s.BaselineSteps:N0} | {(s.ImprovedSteps is { } i ? i.ToString("N0", CultureInfo.InvariantCulture) : "not reached")} | {s.Ratio:0.00} |");
        if (seeds.Count > 0)
        {
            var p = PairedPermutationTest.OneSided(seeds.Select(s => targetRatio - s.Ratio).ToList());
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Mean ratio {seeds.Average(s => s.Ratio):0.00} (target <= {targetRatio:0.00}); one-sided paired permutation p = {p:0.####} over {seeds.Count} seeds that the ratio is below the target.");
        }
        return text.ToString();
    }
}
