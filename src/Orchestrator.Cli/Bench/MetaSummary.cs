using System.Globalization;
using System.Text;
using Orchestrator.Core.Statistics;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// The meta benchmark's headline, per seed: the baseline procedure's final frontier and the compute (after round 0) it
/// took, the compute the improved procedure needed to reach that frontier, and their ratio; over seeds, the mean ratio
/// and the exact one-sided paired permutation p-value that it is below the target ratio. Compute is the estimated GFLOP
/// of everything the rounds spent (proposing, training and gating); their measured CPU seconds and post-training steps
/// are shown beside it.
/// </summary>
public static class MetaSummary
{
    /// <summary>What one side spent after round 0, up to the round that counts: GFLOP, CPU seconds and post-training steps.</summary>
    public sealed record Spent(double Gflop, double CpuSeconds, long Steps)
    {
        public static Spent Between(RoundPoint start, RoundPoint end) =>
            new(end.Gflop - start.Gflop, end.CpuSeconds - start.CpuSeconds, end.TrainingSteps - start.TrainingSteps);
    }

    public sealed record Seed(long Value, int BaselineFrontier, Spent Baseline, Spent? Improved)
    {
        /// <summary>Improved compute over baseline compute; 1 or more when it never got there (counted as no saving).</summary>
        public double Ratio => Improved is { } improved && Baseline.Gflop > 0 ? improved.Gflop / Baseline.Gflop : 1;
    }

    public static IReadOnlyList<Seed> Seeds(IReadOnlyList<RoundPoint> points, string baseline, string improved) =>
        points.Where(p => p.Arm == baseline).GroupBy(p => p.Seed).Select(g =>
        {
            var rounds = g.OrderBy(p => p.Round).ToList();
            var (start, final) = (rounds[0], rounds[^1]);
            var reached = points.Where(p => p.Arm == improved && p.Seed == g.Key).OrderBy(p => p.Round).FirstOrDefault(p => p.Frontier >= final.Frontier && p.Round > 0);
            // Both arms start from the same round 0, so the baseline's is where the improved one's spending starts too.
            var improvedStart = points.FirstOrDefault(p => p.Arm == improved && p.Seed == g.Key && p.Round == 0) ?? start;
            return new Seed(g.Key, final.Frontier, Spent.Between(start, final), reached is null ? null : Spent.Between(improvedStart, reached));
        }).ToList();

    public static string Markdown(IReadOnlyList<Seed> seeds, double targetRatio)
    {
        var text = new StringBuilder();
        text.AppendLine("| seed | baseline final frontier | baseline GFLOP after round 0 | improved GFLOP to reach it | compute ratio | baseline CPU s | improved CPU s | baseline steps | improved steps |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in seeds)
        {
            string Improved(Func<Spent, string> figure) => s.Improved is { } i ? figure(i) : "not reached";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Value} | {s.BaselineFrontier} | {s.Baseline.Gflop:N0} | {Improved(i => i.Gflop.ToString("N0", CultureInfo.InvariantCulture))} | {s.Ratio:0.00} | {s.Baseline.CpuSeconds:N0} | {Improved(i => i.CpuSeconds.ToString("N0", CultureInfo.InvariantCulture))} | {s.Baseline.Steps:N0} | {Improved(i => i.Steps.ToString("N0", CultureInfo.InvariantCulture))} |");
        }
        if (seeds.Count > 0)
        {
            var p = PairedPermutationTest.OneSided(seeds.Select(s => targetRatio - s.Ratio).ToList());
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Mean compute ratio {seeds.Average(s => s.Ratio):0.00} (target <= {targetRatio:0.00}); one-sided paired permutation p = {p:0.####} over {seeds.Count} seeds that the ratio is below the target. Compute is the estimated GFLOP of everything the rounds spent (proposing, training and gating: 6 per parameter per token trained, 2 per token passed forward); CPU seconds are measured.");
        }
        return text.ToString();
    }
}
