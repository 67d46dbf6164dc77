using ScottPlot;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// The benchmark's figures as PNG: frontier against training steps, against estimated compute and against wall time (one line per arm and
/// seed, one colour per arm), and accuracy by length after each round for each arm's first seed.
/// </summary>
public static class BenchPlots
{
    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.OrangeRed, Colors.SeaGreen, Colors.Purple, Colors.DarkGoldenRod];

    /// <summary>Writes the figures and returns their file names; text needs font files (fonts-dejavu-core), or it is left out.</summary>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<RoundPoint> points)
    {
        var files = new List<string>
        {
            Lines(folder, "frontier-vs-steps.png", points, p => p.TrainingSteps, "training steps (base included)", "Frontier vs training steps"),
            Lines(folder, "frontier-vs-compute.png", points, p => p.Gflop / 1000, "estimated compute (TFLOP, base included)", "Frontier vs compute"),
            Lines(folder, "frontier-vs-minutes.png", points, p => p.WallSeconds / 60, "wall time (minutes, base included)", "Frontier vs wall time"),
        };
        if (points.Any(p => p.Precision is not null)) files.Add(Precision(folder, points));
        foreach (var arm in points.Select(p => p.Arm).Distinct())
            files.Add(AccuracyByLength(folder, arm, points.Where(p => p.Arm == arm && p.Seed == points.First(q => q.Arm == arm).Seed).ToList()));
        return files;
    }

    private static string Lines(string folder, string file, IReadOnlyList<RoundPoint> points, Func<RoundPoint, double> x, string xLabel, string title) =>
        PerRun(folder, file, points, x, p => p.Frontier, xLabel, "frontier (digits)", title);

    /// <summary>Audited precision of the kept self-labels, round by round: a falling line is the avalanche.</summary>
    private static string Precision(string folder, IReadOnlyList<RoundPoint> points)
    {
        var audited = points.Where(p => p.Precision is not null).ToList();
        var file = PerRun(folder, "audited-precision.png", audited, p => p.Round, p => p.Precision!.Value, "round", "audited precision of kept labels", "Audited label precision per round");
        return file;
    }

    private static string PerRun(string folder, string file, IReadOnlyList<RoundPoint> points, Func<RoundPoint, double> x, Func<RoundPoint, double> y, string xLabel, string yLabel, string title)
    {
        var plot = new Plot();
        var arms = points.Select(p => p.Arm).Distinct().ToList();
        foreach (var group in points.GroupBy(p => (p.Arm, p.Seed)))
        {
            var ordered = group.OrderBy(p => p.Round).ToList();
            var line = plot.Add.ScatterLine(ordered.Select(x).ToArray(), ordered.Select(y).ToArray());
            line.Color = Palette[arms.IndexOf(group.Key.Arm) % Palette.Length];
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.LegendText = $"{group.Key.Arm} (seed {group.Key.Seed})";
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(Path.Combine(folder, file), 1000, 600);
        return file;
    }

    private static string AccuracyByLength(string folder, string arm, IReadOnlyList<RoundPoint> rounds)
    {
        var plot = new Plot();
        var colors = new ScottPlot.Colormaps.Viridis();
        foreach (var round in rounds.OrderBy(r => r.Round))
        {
            var lengths = round.AccuracyByLength.OrderBy(a => a.Key).ToList();
            var line = plot.Add.ScatterLine(lengths.Select(a => (double)a.Key).ToArray(), lengths.Select(a => a.Value).ToArray());
            line.Color = colors.GetColor(rounds.Count <= 1 ? 0 : round.Round / (double)rounds.Max(r => r.Round));
            line.LegendText = $"round {round.Round}";
            line.MarkerSize = 3;
        }
        plot.Title($"{arm}: champion accuracy by length after each round (seed {rounds.FirstOrDefault()?.Seed})");
        plot.XLabel("operand length (digits)");
        plot.YLabel("exact match on fresh protected items");
        plot.Axes.SetLimitsY(0, 1.02);
        plot.ShowLegend(Alignment.LowerLeft);
        var file = $"accuracy-by-length-{arm}.png";
        plot.SavePng(Path.Combine(folder, file), 1000, 600);
        return file;
    }
}
