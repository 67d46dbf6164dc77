using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Orchestrator.Cli.Output;

/// <summary>
/// Prints a run output's lists of records (e.g. the improvement loop's <c>rounds</c>) as tables: one row per
/// record, one column per field, scalar fields first, so a result reads at a glance; the JSON follows for detail.
/// </summary>
public static class OutputTables
{
    public static void Print(JsonNode? output)
    {
        if (output is not JsonObject fields) return;
        foreach (var (name, value) in fields)
        {
            if (value is not JsonArray { Count: > 0 } rows || rows.Any(r => r is not JsonObject)) continue;
            var columns = rows.Cast<JsonObject>().SelectMany(r => r.Where(p => p.Value is not (JsonObject or JsonArray)).Select(p => p.Key)).Distinct().ToList();
            if (columns.Count == 0) continue;
            var table = new Table { Title = new TableTitle(name) }.AddColumns(columns.Select(c => new TableColumn(c).RightAligned()).ToArray());
            foreach (var row in rows.Cast<JsonObject>())
                table.AddRow(columns.Select(c => Markup.Escape(Format(row[c]))).ToArray());
            Write(table);
        }
    }

    /// <summary>
    /// Writes a table; when output goes to a file or pipe, wide enough that no cell wraps (the default 80 columns
    /// would split numbers across lines, which neither a reader nor a script can use).
    /// </summary>
    public static void Write(Table table)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        AnsiConsole.Write(table);
    }

    private static string Format(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is var d && d != Math.Floor(d) =>
            Math.Abs(d) < 1e-3 ? d.ToString("0.0e0") : d.ToString("0.###"),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
