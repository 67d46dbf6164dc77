using Orchestrator.Core.Definitions;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Tests.Parsing;

/// <summary>Regressions found by fuzzing the readers (tests/Orchestrator.Learning.Tests/Fuzzing): every refusal names a place.</summary>
public sealed class DocumentLimitsTests
{
    [Theory]
    [InlineData("empty.yaml", "")]
    [InlineData("comment.yaml", " \n\n# nothing but a comment\n")]
    [InlineData("empty.json", "")]
    public void An_empty_file_is_refused_at_its_first_line(string file, string text)
    {
        var error = Assert.Throws<DefinitionSyntaxException>(() => DocumentReader.Read(file, text));

        Assert.Equal(new SourceLocation(1, 1), error.Location);
    }

    [Theory]
    [InlineData("deep.yaml")]
    [InlineData("deep.json")]
    public void Lists_nested_past_the_limit_are_refused_at_a_line_in_either_format(string file)
    {
        var deep = "{\"id\": \"x\", \"steps\": " + new string('[', 200) + new string(']', 200) + "}";

        var error = Assert.Throws<DefinitionSyntaxException>(() => DocumentReader.Read(file, deep));

        Assert.True(error.Location is { Line: 1 }, error.Message);
    }

    [Fact]
    public void Nesting_up_to_the_limit_reads_and_hashes()
    {
        // The root mapping is one level; 63 lists inside it make 64.
        var text = "{\"id\": \"x\", \"steps\": " + new string('[', DocumentLimits.MaxDepth - 1) + new string(']', DocumentLimits.MaxDepth - 1) + "}";

        var yaml = DocumentReader.Read("deep.yaml", text);
        var json = DocumentReader.Read("deep.json", text);

        Assert.Equal(DefinitionHash.Of(json.Root), DefinitionHash.Of(yaml.Root));
    }

    [Fact]
    public void A_malformed_flow_collection_is_refused_at_a_line()
    {
        var error = Assert.Throws<DefinitionSyntaxException>(() => DocumentReader.Read("flow.yaml", "id: x\nsteps: [\n  - id: a\n    uses: log\n"));

        Assert.True(error.Location is { Line: >= 1 }, error.Message);
    }
}
