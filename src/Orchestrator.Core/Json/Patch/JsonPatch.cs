using System.Text.Json.Nodes;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Json.Patch;

/// <summary>
/// An RFC 6902 JSON Patch: the form of every self-edit. <see cref="Apply"/> works on a copy and returns it,
/// so a patch that fails half-way leaves the original document untouched.
/// </summary>
public sealed class JsonPatch(IReadOnlyList<JsonPatchOperation> operations)
{
    public IReadOnlyList<JsonPatchOperation> Operations { get; } = operations;

    /// <summary>How deeply an operation's value may nest: the nesting limit less the patch's list and the operation's object.</summary>
    public const int MostValueDepth = DocumentLimits.MaxDepth - 2;

    public static JsonPatch Parse(JsonNode? json)
    {
        if (json is not JsonArray array) throw new JsonPatchException(0, "a patch is a JSON array of operations");
        var operations = new List<JsonPatchOperation>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject op) throw new JsonPatchException(i, "each operation is an object with 'op' and 'path'");
            var name = op["op"] is JsonValue o && o.TryGetValue<string>(out var n) ? n : throw new JsonPatchException(i, "'op' is missing or not text");
            var path = op["path"] is JsonValue p && p.TryGetValue<string>(out var t) ? t : throw new JsonPatchException(i, "'path' is missing or not text");
            string? from = null;
            if (name is "move" or "copy")
                from = op["from"] is JsonValue f && f.TryGetValue<string>(out var s) ? s : throw new JsonPatchException(i, $"'{name}' needs 'from'");
            if (name is "add" or "replace" or "test" && !op.ContainsKey("value")) throw new JsonPatchException(i, $"'{name}' needs 'value'");
            if (name is not ("add" or "remove" or "replace" or "move" or "copy" or "test")) throw new JsonPatchException(i, $"unknown op '{name}'");
            // The patch is journalled and read back as JSON (the list and the operation are two levels), and the patched
            // document is hashed and stored: a value may nest only as deep as the nesting limit allows both.
            if (JsonTypes.Depth(op["value"]) > MostValueDepth)
                throw new JsonPatchException(i, $"'value' nests more than {MostValueDepth} levels deep; a definition needs far fewer");
            operations.Add(new JsonPatchOperation(name, path, from, op["value"]?.DeepClone()));
        }
        return new JsonPatch(operations);
    }

    public JsonArray ToJson() => new(Operations.Select(o => (JsonNode)o.ToJson()).ToArray());

    /// <summary>Applies every operation in order to a copy of <paramref name="document"/> and returns the copy.</summary>
    public JsonNode? Apply(JsonNode? document)
    {
        var result = document?.DeepClone();
        for (var i = 0; i < Operations.Count; i++)
        {
            var op = Operations[i];
            try
            {
                result = op.Op switch
                {
                    "add" => Add(result, op.Path, op.Value?.DeepClone()),
                    "remove" => Remove(result, op.Path, out _),
                    "replace" => Add(Remove(result, op.Path, out _, replacing: true), op.Path, op.Value?.DeepClone()),
                    "move" => Move(result, op.From!, op.Path),
                    "copy" => Add(result, op.Path, Get(result, op.From!)?.DeepClone()),
                    "test" => JsonEquality.AreEqual(Get(result, op.Path), op.Value) ? result : throw new InvalidOperationException($"test failed: the value at '{op.Path}' is not {op.Value?.ToJsonString() ?? "null"}"),
                    _ => throw new InvalidOperationException($"unknown op '{op.Op}'"),
                };
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                throw new JsonPatchException(i, e.Message);
            }
        }
        return result;
    }

    private static JsonNode? Move(JsonNode? document, string from, string path)
    {
        if (path != from && path.StartsWith(from + "/", StringComparison.Ordinal))
            throw new InvalidOperationException($"cannot move '{from}' into its own child '{path}'");
        var removed = Remove(document, from, out var value);
        return Add(removed, path, value);
    }

    private static JsonNode? Get(JsonNode? document, string path)
    {
        if (!JsonPointer.TryResolve(document, Checked(path), out var node)) throw new InvalidOperationException($"'{path}' does not exist");
        return node;
    }

    private static JsonNode? Add(JsonNode? document, string path, JsonNode? value)
    {
        if (Checked(path).Length == 0) return value;
        var (parent, key) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[key] = value;
                break;
            case JsonArray array:
                var index = key == "-" ? array.Count : Index(key, array.Count, allowEnd: true);
                array.Insert(index, value);
                break;
            default:
                throw new InvalidOperationException($"the parent of '{path}' is not an object or array");
        }
        return document;
    }

    private static JsonNode? Remove(JsonNode? document, string path, out JsonNode? removed, bool replacing = false)
    {
        if (Checked(path).Length == 0)
        {
            removed = document;
            if (replacing) return document;
            return null;
        }
        var (parent, key) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(key, out removed):
                obj.Remove(key);
                return document;
            case JsonArray array:
                var index = Index(key, array.Count, allowEnd: false);
                removed = array[index];
                array.RemoveAt(index);
                return document;
            default:
                throw new InvalidOperationException($"'{path}' does not exist");
        }
    }

    private static (JsonNode Parent, string Key) Parent(JsonNode? document, string path)
    {
        var segments = JsonPointer.Split(path);
        var parentPointer = JsonPointer.Describe(segments.Take(segments.Count - 1));
        if (!JsonPointer.TryResolve(document, parentPointer, out var parent) || parent is null)
            throw new InvalidOperationException($"the parent of '{path}' does not exist (missing objects are not created)");
        return (parent, segments[^1]);
    }

    private static int Index(string key, int count, bool allowEnd)
    {
        if (key.Length == 0 || (key.Length > 1 && key[0] == '0') || !key.All(char.IsAsciiDigit) || !int.TryParse(key, out var index))
            throw new InvalidOperationException($"'{key}' is not an array index");
        if (index > count || (!allowEnd && index == count)) throw new InvalidOperationException($"index {index} is out of bounds (the array has {count} items)");
        return index;
    }

    private static string Checked(string path) =>
        path.Length == 0 || path[0] == '/' ? path : throw new FormatException($"'{path}' is not a JSON pointer (it must be empty or start with '/')");
}
