using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Core.Json.Patch;

/// <summary>JSON equality as RFC 6902's <c>test</c> defines it: numbers by value (1 equals 1.0), objects regardless of key order.</summary>
public static class JsonEquality
{
    public static bool AreEqual(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && AreEqual(p.Value, other)),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => AreEqual(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number =>
            JsonTypes.TryGetNumber(x, out var m) && JsonTypes.TryGetNumber(y, out var n) && m.Equals(n),
        (JsonValue x, JsonValue y) => x.GetValueKind() == y.GetValueKind() && x.ToJsonString() == y.ToJsonString(),
        _ => false,
    };
}
