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
            if (Records(name, rows) is { } table) Write(table);
        }
    }

    /// <summary>True for a non-empty list of records whose fields are all scalars: a table shows every value of it.</summary>
    public static bool IsFlatRecords(JsonNode? value) =>
        value is JsonArray { Count: > 0 } rows && rows.All(r => r is JsonObject record && record.All(p => p.Value is not (JsonObject or JsonArray)));

    /// <summary>
    /// A table of <paramref name="rows"/> (records), one column per scalar field in the order fields first appear;
    /// null when no record has a scalar field. Cells are escaped for markup.
    /// </summary>
    public static Table? Records(string title, JsonArray rows)
    {
        var records = rows.OfType<JsonObject>().ToList();
        var columns = records.SelectMany(r => r.Where(p => p.Value is not (JsonObject or JsonArray)).Select(p => p.Key)).Distinct().ToList();
        if (columns.Count == 0) return null;
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) }.AddColumns(columns.Select(c => new TableColumn(Markup.Escape(c)).RightAligned()).ToArray());
        foreach (var row in records)
            table.AddRow(columns.Select(c => Markup.Escape(Format(row[c]))).ToArray());
        return table;
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
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => DisplayNumbers.Format(v),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => DisplayJson.Compact(value),
    };
}
