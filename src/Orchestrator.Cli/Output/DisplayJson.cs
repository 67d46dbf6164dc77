using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Cli.Output;

/// <summary>
/// JSON for a person to read (<c>show</c>, <c>run</c> without <c>--json</c>): numbers rounded by
/// <see cref="DisplayNumbers"/>, a short list of plain values on one line, and characters such as <c>+</c> or
/// <c>é</c> left as they are rather than escaped as <c>\u002B</c>, since the text goes to a terminal or a log.
/// </summary>
public static class DisplayJson
{
    /// <summary>Lists of plain values up to this long stay on one line (<c>[1, 2, 3]</c>), as a person would write them.</summary>
    public const int ShortList = 80;

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Indented(JsonNode? node)
    {
        var text = new StringBuilder();
        WriteIndented(text, node, 0);
        return text.ToString();
    }

    /// <summary>On one line, for table cells.</summary>
    public static string Compact(JsonNode? node) => node switch
    {
        JsonObject fields => "{" + string.Join(",", fields.Select(f => Scalar(JsonValue.Create(f.Key)) + ":" + Compact(f.Value))) + "}",
        JsonArray items => "[" + string.Join(",", items.Select(Compact)) + "]",
        _ => Scalar(node),
    };

    // The layout System.Text.Json indents with (two spaces, one member per line), written by hand because
    // Utf8JsonWriter drops the line break and indentation before a raw value in a list, and raw values are
    // the only way to give it numbers in a form of our own.
    private static void WriteIndented(StringBuilder text, JsonNode? node, int depth)
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } fields:
                text.Append('{');
                var first = true;
                foreach (var (name, value) in fields)
                {
                    text.Append(first ? "\n" : ",\n").Append(' ', 2 * (depth + 1)).Append(Scalar(JsonValue.Create(name))).Append(": ");
                    WriteIndented(text, value, depth + 1);
                    first = false;
                }
                text.Append('\n').Append(' ', 2 * depth).Append('}');
                break;
            case JsonArray { Count: > 0 } items when items.All(i => i is not (JsonObject or JsonArray)) && OneLine(items) is { Length: <= ShortList } line:
                text.Append(line);
                break;
            case JsonArray { Count: > 0 } items:
                text.Append('[');
                for (var i = 0; i < items.Count; i++)
                {
                    text.Append(i == 0 ? "\n" : ",\n").Append(' ', 2 * (depth + 1));
                    WriteIndented(text, items[i], depth + 1);
                }
                text.Append('\n').Append(' ', 2 * depth).Append(']');
                break;
            default:
                text.Append(Compact(node));
                break;
        }
    }

    private static string OneLine(JsonArray items) => "[" + string.Join(", ", items.Select(Scalar)) + "]";

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue number when number.GetValueKind() == JsonValueKind.Number => DisplayNumbers.Format(number),
        _ => node.ToJsonString(Relaxed),
    };
}
