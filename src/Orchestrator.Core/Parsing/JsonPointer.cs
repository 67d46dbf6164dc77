using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.Core.Parsing;

/// <summary>RFC 6901 JSON pointers: building, escaping and resolving them against a document.</summary>
public static class JsonPointer
{
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0").Replace("/", "~1");

    public static string Append(string pointer, int index) => pointer + "/" + index;

    public static IReadOnlyList<string> Split(string pointer)
    {
        if (pointer.Length == 0) return [];
        if (pointer[0] != '/') throw new FormatException($"JSON pointer '{pointer}' must start with '/'.");
        return pointer[1..].Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToArray();
    }

    /// <summary>Finds the node at the pointer; false when any segment is missing.</summary>
    public static bool TryResolve(JsonNode? root, string pointer, out JsonNode? node)
    {
        node = root;
        foreach (var segment in Split(pointer))
        {
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                    node = child;
                    break;
                case JsonArray array when IsArrayIndex(segment, out var index) && index < array.Count:
                    node = array[index];
                    break;
                default:
                    node = null;
                    return false;
            }
        }
        return true;
    }

    /// <summary>True when <paramref name="pointer"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsWithin(string pointer, string ancestor) =>
        ancestor.Length == 0
        || pointer == ancestor
        || (pointer.StartsWith(ancestor, StringComparison.Ordinal) && pointer[ancestor.Length] == '/');

    public static string Describe(IEnumerable<string> segments)
    {
        var builder = new StringBuilder();
        foreach (var segment in segments) builder.Append('/').Append(segment.Replace("~", "~0").Replace("/", "~1"));
        return builder.ToString();
    }

    /// <summary>RFC 6901 array indexes: decimal digits without leading zeros ("0", "12"; not "01", "-1", "+1").</summary>
    public static bool IsArrayIndex(string segment, out int index)
    {
        index = -1;
        return segment.Length > 0 && (segment.Length == 1 || segment[0] != '0') && segment.All(char.IsAsciiDigit) && int.TryParse(segment, out index);
    }
}
