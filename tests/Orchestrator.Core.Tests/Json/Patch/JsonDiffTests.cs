using System.Text.Json.Nodes;
using Orchestrator.Core.Json.Patch;

namespace Orchestrator.Core.Tests.Json.Patch;

public sealed class JsonDiffTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,2,3],"c":{"d":"x"}}""", """{"a":2,"b":[1,5],"c":{"e":"y"},"f":null}""")]
    [InlineData("""[1,2]""", """[1,2,3,4]""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":[1]}""")]
    [InlineData("""{"a/b":1,"m~n":2}""", """{"a/b":3}""")]
    [InlineData("""1""", """{"x":1}""")]
    public void Applying_the_diff_turns_the_first_document_into_the_second(string from, string to)
    {
        var a = JsonNode.Parse(from);
        var b = JsonNode.Parse(to);

        var patch = JsonDiff.Create(a, b);

        Assert.True(JsonEquality.AreEqual(b, patch.Apply(a)), patch.ToJson().ToJsonString());
        Assert.Equal(from, a!.ToJsonString());
    }

    [Fact]
    public void A_changed_tunable_is_one_replace_at_its_pointer()
    {
        var a = JsonNode.Parse("""{"steps":[{"id":"train","with":{"lr":0.001,"steps":800}}]}""");
        var b = JsonNode.Parse("""{"steps":[{"id":"train","with":{"lr":0.002,"steps":800}}]}""");

        var patch = JsonDiff.Create(a, b);

        var op = Assert.Single(patch.Operations);
        Assert.Equal(("replace", "/steps/0/with/lr", 0.002), (op.Op, op.Path, op.Value!.GetValue<double>()));
    }

    [Fact]
    public void Identical_documents_need_no_operations()
    {
        Assert.Empty(JsonDiff.Create(JsonNode.Parse("""{"a":[1,{"b":2}]}"""), JsonNode.Parse("""{"a":[1,{"b":2.0}]}""")).Operations);
    }

    [Fact]
    public void A_failing_patch_leaves_the_document_untouched()
    {
        var document = JsonNode.Parse("""{"a":1}""");
        var patch = JsonPatch.Parse(JsonNode.Parse("""[{"op":"replace","path":"/a","value":2},{"op":"remove","path":"/missing"}]"""));

        var error = Assert.Throws<JsonPatchException>(() => patch.Apply(document));

        Assert.Equal(1, error.Operation);
        Assert.Equal("""{"a":1}""", document!.ToJsonString());
    }
}
