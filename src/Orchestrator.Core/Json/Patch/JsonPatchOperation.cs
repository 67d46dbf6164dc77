using System.Text.Json.Nodes;

namespace Orchestrator.Core.Json.Patch;

/// <summary>One RFC 6902 operation: <c>add</c>, <c>remove</c>, <c>replace</c>, <c>move</c>, <c>copy</c> or <c>test</c>.</summary>
public sealed record JsonPatchOperation(string Op, string Path, string? From = null, JsonNode? Value = null)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["op"] = Op, ["path"] = Path };
        if (From is not null) json["from"] = From;
        if (Op is "add" or "replace" or "test") json["value"] = Value?.DeepClone();
        return json;
    }
}
