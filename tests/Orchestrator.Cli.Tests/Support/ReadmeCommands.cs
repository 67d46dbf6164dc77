using System.Text;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// The commands the README prints, read from the file itself, so a test runs exactly what a newcomer would type.
/// </summary>
public static class ReadmeCommands
{
    public const string TwoCommandsHeading = "## The two commands";

    /// <summary>The first command of the first shell block under <see cref="TwoCommandsHeading"/>: the main job.</summary>
    public static IReadOnlyList<string> MainCommand(string readmePath) => Commands(readmePath)[0];

    /// <summary>Every command of that block, each split into words as a POSIX shell would (quotes, backslash-newline).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Commands(string readmePath)
    {
        var lines = File.ReadAllLines(readmePath);
        var heading = Array.FindIndex(lines, l => l.Trim() == TwoCommandsHeading);
        if (heading < 0) throw new InvalidDataException($"{readmePath}: no '{TwoCommandsHeading}' heading");
        var open = Array.FindIndex(lines, heading, l => l.TrimStart().StartsWith("```sh", StringComparison.Ordinal));
        var close = open < 0 ? -1 : Array.FindIndex(lines, open + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
        if (close < 0) throw new InvalidDataException($"{readmePath}: no ```sh block under '{TwoCommandsHeading}'");

        var commands = new List<IReadOnlyList<string>>();
        var pending = new StringBuilder();
        foreach (var line in lines[(open + 1)..close])
        {
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0)) continue;
            var continued = line.TrimEnd().EndsWith('\\');
            pending.Append(continued ? line.TrimEnd()[..^1] : line).Append(' ');
            if (continued) continue;
            commands.Add(Words(pending.ToString()));
            pending.Clear();
        }
        return commands.Count > 0 ? commands : throw new InvalidDataException($"{readmePath}: the block under '{TwoCommandsHeading}' has no command");
    }

    /// <summary>Splits a command line into words: whitespace separates, single and double quotes group.</summary>
    public static IReadOnlyList<string> Words(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in commandLine)
        {
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else word.Append(c);
            }
            else if (c is '\'' or '"') (quote, inWord) = (c, true);
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                (inWord, _) = (false, word.Clear());
            }
            else (inWord, _) = (true, word.Append(c));
        }
        if (quote is not null) throw new InvalidDataException($"unclosed {quote} quote in: {commandLine}");
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
