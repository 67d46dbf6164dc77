using ScottPlot;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// One PNG of frontier against wall-clock minutes for every curve: each seed a thin step line, the median over seeds a
/// thick one in the same colour, controls dashed. Steps, not slopes: a frontier holds until the next round ends. Arms
/// often reach the same frontier, so the thick lines are nudged apart by a few hundredths of a digit (at most
/// <see cref="Spread"/> in all) to keep one from hiding another; the table gives the exact values.
/// Text needs font files (fonts-dejavu-core), or it is left out.
/// </summary>
public static class ReachFigure
{
    /// <summary>The most the thick lines are nudged apart, top to bottom, in digits.</summary>
    public const double Spread = 0.3;

    public static void Write(string path, IReadOnlyList<ReachCurve> curves, string title)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var nudge = curves.Count <= 1 ? 0 : Math.Min(0.06, Spread / (curves.Count - 1));
        for (var i = 0; i < curves.Count; i++)
        {
            var curve = curves[i];
            var color = palette.GetColor(i);
            foreach (var seed in curve.Seeds)
            {
                var line = plot.Add.ScatterLine(seed.Rounds.Select(r => r.Minutes).ToArray(), seed.Rounds.Select(r => (double)r.Frontier).ToArray(), color.WithAlpha(0.45));
                line.ConnectStyle = ConnectStyle.StepHorizontal;
                line.LineWidth = 1;
                line.MarkerSize = 0;
            }
            var median = curve.MedianLine();
            var thick = plot.Add.ScatterLine(median.Select(m => m.Minutes).ToArray(), median.Select(m => m.Frontier + nudge * ((curves.Count - 1) / 2.0 - i)).ToArray(), color);
            thick.ConnectStyle = ConnectStyle.StepHorizontal;
            thick.LineWidth = 3.5f;
            thick.MarkerSize = 0;
            if (curve.IsControl) thick.LinePattern = LinePattern.Dashed;
            thick.LegendText = $"{curve.Suite} · {curve.Arm}{(curve.IsControl ? " (control)" : "")}: median of {curve.Seeds.Count} seed{(curve.Seeds.Count == 1 ? "" : "s")}";
        }
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "thin lines: single seeds", LineColor = Colors.Gray, LineWidth = 1 });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"thick lines nudged apart (at most {Spread} digit in all)", LineColor = Colors.Gray, LineWidth = 3.5f });
        plot.Title(title);
        plot.XLabel("minutes since the run started (round 0 included)");
        plot.YLabel("frontier (digits)");
        plot.Axes.SetLimitsX(0, curves.Max(c => c.Seeds.Max(s => s.Minutes)) * 1.03);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1); // frontiers are whole digits
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1500, 750);
    }
}
