namespace Orchestrator.Cli.Tests.Support;

/// <summary>Reads the command's tables as printed to a pipe: 80 columns wide, with long values wrapped inside their cells.</summary>
public static class TableText
{
    /// <summary>The first column's text, every line of it joined, so a wrapped name reads whole.</summary>
    public static string FirstColumn(string output) =>
        string.Concat(output.Split('\n').Where(l => l.StartsWith('│')).Select(l => l.Split('│')[1].Trim()));
}
