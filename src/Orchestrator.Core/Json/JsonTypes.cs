using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;

namespace Orchestrator.Core.Json;

/// <summary>Checks and coerces JSON values against declared <see cref="InputType"/>s.</summary>
public static class JsonTypes
{
    /// <summary>How many levels of lists and mappings a value nests (0 for a scalar), counted without recursion.</summary>
    public static int Depth(JsonNode? node)
    {
        var deepest = 0;
        var pending = new Stack<(JsonNode? Node, int Depth)>([(node, 0)]);
        while (pending.TryPop(out var current))
        {
            var children = current.Node switch
            {
                JsonObject o => o.Select(p => p.Value),
                JsonArray a => a,
                _ => null,
            };
            if (children is null) continue;
            deepest = Math.Max(deepest, current.Depth + 1);
            foreach (var child in children) pending.Push((child, current.Depth + 1));
        }
        return deepest;
    }

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "bool",
            JsonValueKind.Number => IsInteger(v) ? "int" : "number",
            _ => "value",
        },
        _ => "value",
    };

    public static bool Matches(JsonNode? node, InputType type) => type switch
    {
        InputType.Any => true,
        InputType.String or InputType.Model => node is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        InputType.Int => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && IsInteger(v),
        InputType.Number => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        InputType.Bool => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        InputType.List => node is JsonArray,
        InputType.Object => node is JsonObject,
        _ => false,
    };

    /// <summary>Parses a command-line text value into the declared type; null when it cannot.</summary>
    public static JsonNode? ParseText(string text, InputType type, out bool ok)
    {
        ok = true;
        switch (type)
        {
            case InputType.String or InputType.Model:
                return JsonValue.Create(text);
            case InputType.Int when long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var i):
                return JsonValue.Create(i);
            case InputType.Number when double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var d):
                return JsonValue.Create(d);
            case InputType.Bool when bool.TryParse(text, out var b):
                return JsonValue.Create(b);
            case InputType.List or InputType.Object or InputType.Any:
                try
                {
                    var node = JsonNode.Parse(text);
                    ok = type == InputType.Any || Matches(node, type);
                    return node;
                }
                catch (JsonException)
                {
                    if (type == InputType.Any) return JsonValue.Create(text);
                    ok = false;
                    return null;
                }
            default:
                ok = false;
                return null;
        }
    }

    /// <summary>
    /// Reads any JSON number as a double. Nodes built in code keep their CLR type (a long is not readable
    /// as a double through <c>GetValue</c>), while parsed nodes hold JSON text; this reads both.
    /// </summary>
    public static bool TryGetNumber(JsonNode? node, out double number)
    {
        number = 0;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number) return false;
        number = value.TryGetValue<long>(out var l) ? l
            : value.TryGetValue<int>(out var i) ? i
            : value.TryGetValue<double>(out var d) ? d
            : value.TryGetValue<float>(out var f) ? f
            : value.TryGetValue<decimal>(out var m) ? (double)m
            : double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    private static bool IsInteger(JsonValue value) =>
        TryGetNumber(value, out var d) && Math.Abs(d % 1) == 0 && Math.Abs(d) < 9e15;
}
