using System.Text.Json.Nodes;
using CsCheck;

namespace Orchestrator.Learning.Tests.Fuzzing;

/// <summary>
/// Values a broken file or a careless self-edit might put anywhere in a definition: every JSON type, the words the
/// language gives meaning to, expressions (some hostile), numbers at the edges, huge strings and deep nesting.
/// </summary>
internal static class HostileValues
{
    /// <summary>Words the language reads: putting them where they do not belong is the interesting mistake.</summary>
    public static readonly string[] Keywords =
    [
        "id", "version", "steps", "uses", "with", "if", "loop", "parallel", "do", "times", "max", "over", "as", "maxDegree",
        "retry", "attempts", "backoff", "timeout", "inputs", "state", "output", "tunables", "protected", "type", "default",
        "required", "min", "max", "call", "workflow", "queue", "judging", "filters", "description", "set", "wait", "duration",
    ];

    private static readonly string[] Expressions =
    [
        "${inputs.rounds}", "${state.frontier + 1}", "${steps.gate.output.passed}", "${loop.index}", "${", "${}", "}", "$${x}",
        "${1/0}", "${[].x.y}", "${(() => { while (true) {} })()}", "${'x'.repeat(1e9)}", "${undefinedName}", "${steps['a b'].output}",
        "${inputs.rounds} and ${state.x", "${JSON.parse('{')}", "${this.constructor.constructor('return process')()}",
    ];

    public static Gen<JsonNode?> Scalar { get; } = Gen.Frequency(
        (3, Gen.Int[-3, 100_000].Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.OneOf(Gen.Const(long.MaxValue), Gen.Const(long.MinValue), Gen.Const(0L)).Select(l => (JsonNode?)JsonValue.Create(l))),
        (2, Gen.Double[-1e6, 1e6].Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.OneOf(Gen.Const(1e308), Gen.Const(-0.0), Gen.Const(5e-324)).Select(d => (JsonNode?)JsonValue.Create(d))),
        (2, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (2, Gen.Const<JsonNode?>((JsonNode?)null)),
        (3, Gen.OneOf(Keywords).Select(s => (JsonNode?)JsonValue.Create(s))),
        (3, Gen.OneOf(Expressions).Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.String.Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.OneOf("arithmetic/addition", "learning/pretrain", "registry/promote", "set", "meta/propose", "nope/none", "", " ", "-1", "1e400", "0x10", "PT1H", "10 years", "-5s")
            .Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.Int[10_000, 100_000].Select(n => (JsonNode?)JsonValue.Create(new string('x', n)))));

    /// <summary>A scalar, a small container of scalars, or a deeply nested list or mapping.</summary>
    public static Gen<JsonNode?> Any { get; } = Gen.Frequency(
        (8, Scalar),
        (2, Scalar.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items]))),
        (2, Gen.Select(Gen.OneOf(Keywords), Scalar).Array[0, 4].Select(Mapping)),
        // Past the 64-level limit is enough: written as block YAML, depth d costs d² characters.
        (1, Gen.Int[10, 200].Select(Nested)));

    private static JsonNode? Mapping((string Key, JsonNode? Value)[] entries)
    {
        var mapping = new JsonObject();
        foreach (var (key, value) in entries) mapping[key] = value;
        return mapping;
    }

    /// <summary>Nested lists and mappings, alternating, <paramref name="depth"/> levels deep.</summary>
    public static JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create(depth);
        for (var i = 0; i < depth; i++) node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["steps"] = node };
        return node;
    }
}
