using System.Text.Json.Nodes;

namespace Orchestrator.AI.Editing;

/// <summary>
/// The arm an LLM proposal is learned under: what it sets, written the same way whoever proposed it
/// (<c>/steps/0/with/span=2</c>, several operations joined by "; "), so a gain measured for one proposal is shown
/// again when the journal holds the same patch.
/// </summary>
public static class EditArms
{
    public static string Of(JsonArray patch) => patch.Count == 0 ? "-" : string.Join("; ", patch.Select(Operation));

    private static string Operation(JsonNode? node)
    {
        if (node is not JsonObject op) return node?.ToJsonString() ?? "null";
        var path = op["path"] is JsonValue p && p.TryGetValue<string>(out var text) ? text : op["path"]?.ToJsonString() ?? "?";
        var name = op["op"] is JsonValue o && o.TryGetValue<string>(out var verb) ? verb : "?";
        var value = op.ContainsKey("value") ? "=" + (op["value"]?.ToJsonString() ?? "null") : "";
        return name == "replace" ? path + value : $"{name} {path}{value}";
    }
}
