using System.Text.Json.Nodes;
using Orchestrator.Core.Json;
using Orchestrator.Core.Json.Patch;

namespace Orchestrator.Core.Tests.Json.Patch;

/// <summary>Found by fuzzing self-edits: a value nested deeper than JSON may be written was accepted, and failed when hashed or journalled.</summary>
public sealed class JsonPatchDepthTests
{
    private static JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create(1);
        for (var i = 0; i < depth; i++) node = new JsonArray(node);
        return node;
    }

    [Fact]
    public void Depth_counts_nested_lists_and_mappings()
    {
        Assert.Equal((0, 1, 3), (JsonTypes.Depth(JsonValue.Create(1)), JsonTypes.Depth(new JsonObject()), JsonTypes.Depth(Nested(3))));
        Assert.Equal(10_000, JsonTypes.Depth(Nested(10_000)));
    }

    [Fact]
    public void A_value_nested_past_what_a_journal_entry_holds_is_refused()
    {
        var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/x", ["value"] = Nested(JsonPatch.MostValueDepth + 1) });

        var error = Assert.Throws<JsonPatchException>(() => JsonPatch.Parse(patch));

        Assert.Contains("nests more than 62 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_at_the_limit_is_a_patch_whose_json_reads_back()
    {
        var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/x", ["value"] = Nested(JsonPatch.MostValueDepth) });

        JsonPatch.Parse(patch);

        Assert.NotNull(JsonNode.Parse(patch.ToJsonString()));
    }
}
