using System.Globalization;
using System.Text;

namespace Orchestrator.Cli.Bench;

/// <summary>Writes round points as CSV: one row per arm, seed and round; accuracy per length in one column as length:accuracy pairs.</summary>
public static class BenchCsv
{
    public static void Write(string path, IEnumerable<RoundPoint> points)
    {
        var text = new StringBuilder("arm,seed,round,frontier,candidate_frontier,promoted,p_value,kept,training_steps,gflop,cpu_seconds,wall_seconds,audited_precision,accuracy_by_length\n");
        foreach (var p in points)
        {
            var accuracy = string.Join(' ', p.AccuracyByLength.OrderBy(a => a.Key).Select(a => $"{a.Key}:{a.Value.ToString("0.####", CultureInfo.InvariantCulture)}"));
            text.Append(CultureInfo.InvariantCulture, $"{p.Arm},{p.Seed},{p.Round},{p.Frontier},{p.CandidateFrontier},{(p.Promoted ? 1 : 0)},{p.PValue?.ToString("G4", CultureInfo.InvariantCulture)},{p.Kept},{p.TrainingSteps},{p.Gflop.ToString("0.###", CultureInfo.InvariantCulture)},{p.CpuSeconds.ToString("0.##", CultureInfo.InvariantCulture)},{p.WallSeconds.ToString("0.0", CultureInfo.InvariantCulture)},{p.Precision?.ToString("0.####", CultureInfo.InvariantCulture)},{accuracy}\n");
        }
        File.WriteAllText(path, text.ToString());
    }
}
