using System.Text.Json.Nodes;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Tests.Parsing;

public sealed class JsonPointerTests
{
    [Fact]
    public void Segments_with_slash_and_tilde_are_escaped_and_split_back()
    {
        var pointer = JsonPointer.Append(JsonPointer.Append("", "a/b"), "c~d");

        Assert.Equal("/a~1b/c~0d", pointer);
        Assert.Equal(["a/b", "c~d"], JsonPointer.Split(pointer));
    }

    [Fact]
    public void Resolve_finds_array_items_and_misses_absent_ones()
    {
        var root = JsonNode.Parse("""{ "steps": [ { "with": { "lr": 0.1 } } ] }""");

        Assert.True(JsonPointer.TryResolve(root, "/steps/0/with/lr", out var lr));
        Assert.Equal(0.1, lr!.GetValue<double>());
        Assert.False(JsonPointer.TryResolve(root, "/steps/1", out _));
        Assert.False(JsonPointer.TryResolve(root, "/steps/0/with/momentum", out _));
    }

    [Theory]
    [InlineData("/steps/0/do/5", "/steps/0", true)]
    [InlineData("/steps/0", "/steps/0", true)]
    [InlineData("/steps/01", "/steps/0", false)]
    [InlineData("/steps/1", "/steps/0", false)]
    [InlineData("/anything", "", true)]
    public void IsWithin_respects_segment_boundaries(string pointer, string ancestor, bool within)
    {
        Assert.Equal(within, JsonPointer.IsWithin(pointer, ancestor));
    }
}
