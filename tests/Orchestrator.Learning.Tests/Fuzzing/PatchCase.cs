using System.Text.Json.Nodes;
using CsCheck;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.SelfEditing;

namespace Orchestrator.Learning.Tests.Fuzzing;

/// <summary>
/// A fuzzed self-edit against one shipped document: mostly RFC 6902 operations aimed at its tunables (in and out of
/// bounds), its protected paths, any node it has, or nowhere; sometimes a patch that is not a list at all.
/// </summary>
internal sealed record PatchCase(EditableDocument Parent, JsonNode? Patch)
{
    private static readonly string[] Ops = ["replace", "replace", "replace", "replace", "add", "remove", "move", "copy", "test", "REPLACE", "", "_get"];

    private static readonly string[] StrayPaths = ["", "/", "/-", "/steps/-", "/steps/999", "/~2", "/~1steps", "steps/0", "/tunables", "/protected", "/id", "/version", "/steps/0/uses", "/inputs/x/default"];

    public static Gen<PatchCase> Of(IReadOnlyList<EditableDocument> parents) =>
        Gen.Int[0, parents.Count - 1].SelectMany(i => PatchFor(parents[i]).Select(patch => new PatchCase(parents[i], patch)));

    private static Gen<JsonNode?> PatchFor(EditableDocument parent)
    {
        var pointers = Pointers(parent.Document);
        var tunables = parent.Tunables.Select(t => t.Pointer).ToArray();
        var guarded = parent.Protected.Concat(parent.AlwaysProtected.Select(p => p.Pointer)).DefaultIfEmpty("/id").ToArray();
        var path = Gen.Frequency(
            (6, Gen.OneOf(tunables)),
            (2, Gen.OneOf(guarded)),
            (3, Gen.OneOf(pointers)),
            (1, Gen.OneOf(StrayPaths)),
            (1, Gen.String[0, 8].Select(s => "/" + s)));
        var value = Gen.Frequency(
            (5, Gen.OneOf(parent.Tunables.ToArray()).SelectMany(InBounds)),
            (2, Gen.OneOf(parent.Tunables.ToArray()).SelectMany(OutOfBounds)),
            (3, HostileValues.Any));
        var operation = Gen.Select(Gen.OneOf(Ops), path, value, Gen.Int[0, 9], pointers.Length == 0 ? Gen.Const("/id") : Gen.OneOf(pointers),
            // Constant values are shared between cases, and a node has one parent: each operation gets its own copy.
            (op, at, v, shape, from) => (JsonNode?)Operation(op, at, v?.DeepClone(), shape, from));
        // Edits an editor that follows the rules would make: in-bounds replacements of tunables, which must pass.
        var lawful = Gen.OneOf(parent.Tunables.ToArray())
            .SelectMany(t => InBounds(t).Select(v => (JsonNode?)new JsonObject { ["op"] = "replace", ["path"] = t.Pointer, ["value"] = v }))
            .Array[1, 3];
        return Gen.Frequency(
            (12, operation.Array[0, 5].Select(ops => (JsonNode?)new JsonArray([.. ops]))),
            (3, lawful.Select(ops => (JsonNode?)new JsonArray([.. ops]))),
            (1, HostileValues.Any));
    }

    /// <summary>Mostly well-formed operations; some miss a member, carry a wrong type or are not objects.</summary>
    private static JsonNode? Operation(string op, string path, JsonNode? value, int shape, string from) => shape switch
    {
        0 => new JsonObject { ["op"] = op, ["path"] = path },
        1 => new JsonObject { ["op"] = op, ["path"] = path, ["value"] = value, ["from"] = from },
        2 => new JsonObject { ["op"] = op, ["value"] = value },
        3 => new JsonObject { ["op"] = 7, ["path"] = JsonValue.Create(3.5), ["value"] = value },
        4 => value,
        _ => new JsonObject { ["op"] = op, ["path"] = path, ["value"] = value },
    };

    private static Gen<JsonNode?> InBounds(Core.Definitions.TunableBounds tunable)
    {
        if (tunable.Values is { Count: > 0 } values) return Gen.OneOf(values.ToArray()).Select(json => JsonNode.Parse(json));
        var min = tunable.Min ?? -1000;
        var max = tunable.Max ?? min + 1000;
        var (low, high) = ((long)Math.Ceiling(min), (long)Math.Floor(max));
        return Gen.Frequency(
            (2, Gen.Double[min, max].Select(x => (JsonNode?)JsonValue.Create(x))),
            (2, low <= high ? Gen.Long[low, high].Select(x => (JsonNode?)JsonValue.Create(x)) : Gen.Const(min).Select(x => (JsonNode?)JsonValue.Create(x))),
            (1, Gen.OneOf(min, max).Select(x => (JsonNode?)JsonValue.Create(x))));
    }

    private static Gen<JsonNode?> OutOfBounds(Core.Definitions.TunableBounds tunable) => Gen.OneOf(
        (JsonNode?)JsonValue.Create((tunable.Min ?? 0) - 1e-9), JsonValue.Create((tunable.Max ?? 0) + 1), JsonValue.Create(double.MaxValue),
        JsonValue.Create(-1), JsonValue.Create("1"), JsonValue.Create("${inputs.rounds}"), null, new JsonArray(1), JsonValue.Create(20_000));

    private static string[] Pointers(JsonNode node)
    {
        var found = new List<string>();
        void Walk(JsonNode? n, string at)
        {
            found.Add(at);
            if (n is JsonObject o) foreach (var (k, c) in o) Walk(c, JsonPointer.Append(at, k));
            else if (n is JsonArray a) for (var i = 0; i < a.Count; i++) Walk(a[i], JsonPointer.Append(at, i));
        }
        Walk(node, "");
        return [.. found.Where(p => p.Length > 0)];
    }

    public override string ToString() => $"{Parent.Reference}: {DefinitionText.Json(Patch)}";
}
