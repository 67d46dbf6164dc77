using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Learning.Tests.Fuzzing;

/// <summary>
/// Writes a definition tree as the text a person or an editor would save: block YAML or JSON. Written by hand, not
/// by a serializer, so trees deeper than a serializer allows (deep nesting is one of the inputs) still become text.
/// </summary>
internal static class DefinitionText
{
    public static string Json(JsonNode? node)
    {
        var text = new StringBuilder();
        WriteJson(node, text);
        return text.ToString();
    }

    public static string Yaml(JsonObject root)
    {
        var text = new StringBuilder();
        WriteMapping(root, 0, text);
        return text.ToString();
    }

    private static void WriteJson(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case JsonObject o:
                text.Append('{');
                var first = true;
                foreach (var (key, child) in o)
                {
                    if (!first) text.Append(',');
                    first = false;
                    text.Append(Quote(key)).Append(':');
                    WriteJson(child, text);
                }
                text.Append('}');
                break;
            case JsonArray a:
                text.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    WriteJson(a[i], text);
                }
                text.Append(']');
                break;
            default:
                text.Append(Scalar(node));
                break;
        }
    }

    private static void WriteMapping(JsonObject mapping, int indent, StringBuilder text)
    {
        foreach (var (key, child) in mapping)
        {
            text.Append(' ', indent).Append(Quote(key)).Append(':');
            WriteValue(child, indent, text);
        }
    }

    private static void WriteValue(JsonNode? node, int indent, StringBuilder text)
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } o:
                text.Append('\n');
                WriteMapping(o, indent + 2, text);
                break;
            case JsonArray { Count: > 0 } a:
                text.Append('\n');
                foreach (var item in a)
                {
                    text.Append(' ', indent + 2).Append('-');
                    WriteValue(item, indent + 2, text);
                }
                break;
            default:
                text.Append(' ').Append(node is JsonObject ? "{}" : node is JsonArray ? "[]" : Scalar(node)).Append('\n');
                break;
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Quote(v.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    private static string Quote(string text) => JsonSerializer.Serialize(text);
}
