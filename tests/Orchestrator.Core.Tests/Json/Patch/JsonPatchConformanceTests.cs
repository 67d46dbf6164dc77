using System.Text.Json.Nodes;
using Orchestrator.Core.Json.Patch;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Json.Patch;

/// <summary>The public RFC 6902 conformance records (json-patch-tests), shipped beside the repository in ../shared.</summary>
public sealed class JsonPatchConformanceTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "tests.json", "spec_tests.json" })
        {
            var records = Load(file);
            for (var i = 0; i < records.Count; i++)
                if (records[i] is JsonObject record && record.ContainsKey("patch") && record["disabled"]?.GetValue<bool>() != true)
                    data.Add(file, i);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Conformance_record_is_applied_as_specified(string file, int index)
    {
        var record = Load(file)[index]!.AsObject();
        var document = record["doc"];
        var describe = $"{file}[{index}] {record["comment"]}";

        if (record.ContainsKey("error"))
        {
            Assert.ThrowsAny<JsonPatchException>(() => JsonPatch.Parse(record["patch"]).Apply(document));
            return;
        }
        var result = JsonPatch.Parse(record["patch"]).Apply(document);
        if (record.ContainsKey("expected"))
            Assert.True(JsonEquality.AreEqual(record["expected"], result), $"{describe}: got {result?.ToJsonString() ?? "null"}, expected {record["expected"]?.ToJsonString() ?? "null"}");
    }

    [Fact]
    public void The_conformance_suite_is_present_and_large()
    {
        Assert.True(Cases().Count > 100, "expected the json-patch-tests records in ../shared/conformance/json-patch");
    }

    private static JsonArray Load(string file)
    {
        var path = System.IO.Path.Combine(RepositoryRoot.Path, "..", "shared", "conformance", "json-patch", file);
        if (!File.Exists(path)) throw new FileNotFoundException($"the JSON Patch conformance suite is expected at {System.IO.Path.GetFullPath(path)} (the shared folder beside the repository)");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }
}
