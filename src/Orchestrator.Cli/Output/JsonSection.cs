using System.Text.Json.Nodes;
using Spectre.Console;

namespace Orchestrator.Cli.Output;

/// <summary>
/// One labelled part of a run for a person to read (<c>show</c>'s inputs, state, output): indented JSON with
/// numbers rounded for reading, and lists of flat records (the improvement loop's <c>rounds</c>) lifted out as
/// tables beneath it. Nothing is dropped: a list whose records nest further stays in the JSON, whole.
/// </summary>
public static class JsonSection
{
    public static void Print(string label, JsonNode? value)
    {
        var tables = new List<(string Field, Table Table)>();
        if (value is JsonObject fields)
            foreach (var (name, field) in fields)
                if (OutputTables.IsFlatRecords(field) && OutputTables.Records($"{label}.{name}", field!.AsArray()) is { } table)
                    tables.Add((name, table));
        var rest = value;
        if (tables.Count > 0)
        {
            var copy = value!.DeepClone().AsObject();
            foreach (var (name, _) in tables) copy.Remove(name);
            rest = copy;
        }
        // Written plainly, not as markup: JSON is full of brackets, and a long line is better unwrapped.
        Console.Out.WriteLine(rest is JsonObject { Count: 0 } && tables.Count > 0 ? $"{label}:" : $"{label}: {DisplayJson.Indented(rest)}");
        foreach (var (_, table) in tables) OutputTables.Write(table);
    }
}
