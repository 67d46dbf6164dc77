using System.Text.Json.Nodes;
using CsCheck;

namespace Orchestrator.Learning.Tests.Fuzzing;

/// <summary>One fuzzed definition file: a shipped document, a few tree mutations, written as YAML or JSON, then a text mutation.</summary>
internal sealed record DefinitionCase(string File, string Text)
{
    public static Gen<DefinitionCase> Of(IReadOnlyList<(string File, string Text, JsonObject Tree)> seeds) => Gen.Select(
        Gen.Int[0, seeds.Count - 1], Gen.Int[0, 2], TreeMutation.Gen.Array[0, 4], TextMutation.Gen,
        (seed, format, mutations, text) => Build(seeds[seed], format, mutations, text));

    private static DefinitionCase Build((string File, string Text, JsonObject Tree) seed, int format, TreeMutation[] mutations, TextMutation text)
    {
        var tree = (JsonObject)seed.Tree.DeepClone();
        foreach (var mutation in mutations) mutation.ApplyTo(tree);
        var name = Path.GetFileNameWithoutExtension(seed.File);
        // Format 0 keeps the shipped text itself when nothing changed the tree, so comments and layout are fuzzed too.
        return format switch
        {
            0 when mutations.Length == 0 => new(name + ".yaml", text.ApplyTo(seed.Text)),
            0 or 1 => new(name + ".yaml", text.ApplyTo(DefinitionText.Yaml(tree))),
            _ => new(name + ".json", text.ApplyTo(DefinitionText.Json(tree))),
        };
    }

    public override string ToString() => $"{File} ({Text.Length} chars):\n{(Text.Length > 4000 ? Text[..4000] + "…" : Text)}";
}
