using System.Text.Json.Nodes;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Json.Patch;

/// <summary>
/// The RFC 6902 patch that turns one document into another: objects key by key, arrays index by index
/// (appends and truncations at the end), anything else replaced whole. Applying the result to
/// <c>from</c> yields a document equal to <c>to</c>.
/// </summary>
public static class JsonDiff
{
    public static JsonPatch Create(JsonNode? from, JsonNode? to)
    {
        var operations = new List<JsonPatchOperation>();
        Compare(from, to, "", operations);
        return new JsonPatch(operations);
    }

    private static void Compare(JsonNode? from, JsonNode? to, string path, List<JsonPatchOperation> operations)
    {
        if (JsonEquality.AreEqual(from, to)) return;
        switch (from, to)
        {
            case (JsonObject a, JsonObject b):
                foreach (var (key, value) in a)
                {
                    var child = JsonPointer.Append(path, key);
                    if (b.TryGetPropertyValue(key, out var other)) Compare(value, other, child, operations);
                    else operations.Add(new JsonPatchOperation("remove", child));
                }
                foreach (var (key, value) in b)
                    if (!a.ContainsKey(key)) operations.Add(new JsonPatchOperation("add", JsonPointer.Append(path, key), Value: value?.DeepClone()));
                break;
            case (JsonArray a, JsonArray b):
                var shared = Math.Min(a.Count, b.Count);
                for (var i = 0; i < shared; i++) Compare(a[i], b[i], JsonPointer.Append(path, i), operations);
                for (var i = a.Count - 1; i >= shared; i--) operations.Add(new JsonPatchOperation("remove", JsonPointer.Append(path, i)));
                for (var i = shared; i < b.Count; i++) operations.Add(new JsonPatchOperation("add", JsonPointer.Append(path, i), Value: b[i]?.DeepClone()));
                break;
            default:
                operations.Add(new JsonPatchOperation("replace", path, Value: to?.DeepClone()));
                break;
        }
    }
}
