using System.Text.Json.Nodes;
using Orchestrator.Core.Aliases;
using Spectre.Console;

namespace Orchestrator.Cli.Output;

/// <summary>How alias journal entries are shown.</summary>
public static class AliasJson
{
    public static JsonObject Of(AliasMove move) => AliasDocuments.Of(move);

    public static string Describe(AliasMove move) =>
        $"{move.Subject} {move.Alias}: {(move.From is { } f ? $"{f} -> " : "")}{move.To} by {move.By} ({move.Reason})";

    public static void PrintHistory(string alias, IReadOnlyList<AliasMove> history)
    {
        if (history.Count == 0) return;
        AnsiConsole.MarkupLine($"moves of '{Markup.Escape(alias)}':");
        foreach (var move in history)
            AnsiConsole.MarkupLine(Markup.Escape($"  #{move.Sequence} {move.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {move.From?.ToString() ?? "-"} -> {move.To}  by {move.By}: {move.Reason}"
                + (move.Evidence is null ? "" : $"  evidence {move.Evidence.ToJsonString()}")));
    }
}
