using System.Globalization;
using System.Text;

namespace Orchestrator.Cli.Bench;

/// <summary>The figure's curves as a markdown table for the docs: per suite and arm, how many seeds, how far they reached and in how long.</summary>
public static class ReachTable
{
    public static string Markdown(IReadOnlyList<ReachCurve> curves)
    {
        var text = new StringBuilder();
        text.AppendLine("| suite | arm | seeds | median final frontier | min final frontier | median minutes |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var c in curves)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {c.Suite} | {c.Arm} | {c.Seeds.Count} | {c.MedianFinalFrontier:0.#} | {c.MinFinalFrontier} | {c.MedianMinutes:0.0} |");
        return text.ToString();
    }
}
