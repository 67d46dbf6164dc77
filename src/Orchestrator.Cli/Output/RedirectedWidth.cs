using Spectre.Console;

namespace Orchestrator.Cli.Output;

/// <summary>
/// Output to a file or pipe is not wrapped to a terminal's width. Spectre assumes 80 columns there and would break a
/// long line (a content hash, an error message, a table row) inside a word, which neither a reader's editor nor a
/// script can undo; unwrapped, each line is as long as its content.
/// </summary>
public static class RedirectedWidth
{
    // Tables take only the width their cells need, so a wide profile does not pad them; it only stops wrapping.
    private const int Columns = 1000;

    public static void Apply()
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, Columns);
    }
}
