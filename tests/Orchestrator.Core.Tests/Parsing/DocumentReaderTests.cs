using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Parsing;

public sealed class DocumentReaderTests
{
    // Line numbers below are asserted, so keep this text's layout as it is.
    private const string Yaml = """
        id: parse-me
        version: 2
        description: Reads alike as YAML and JSON.
        inputs:
          rounds: { type: int, default: 3 }
          rate: { type: number, default: 1.0e-3 }
        state:
          total: 0
        steps:
          - id: greet
            uses: log
            with: { message: "hello", level: info }
          - id: accumulate
            uses: set
            with:
              total: "${state.total + inputs.rounds}"
              flag: true
              nothing: null
              ratio: 0.5
        """;

    // The same definition, keys in another order and laid out differently.
    private const string Json = """
        {
          "version": 2,
          "id": "parse-me",
          "description": "Reads alike as YAML and JSON.",
          "state": { "total": 0 },
          "inputs": {
            "rate": { "default": 1.0e-3, "type": "number" },
            "rounds": { "type": "int", "default": 3 }
          },
          "steps": [
            { "id": "greet", "uses": "log", "with": { "level": "info", "message": "hello" } },
            {
              "id": "accumulate",
              "uses": "set",
              "with": {
                "total": "${state.total + inputs.rounds}",
                "flag": true,
                "nothing": null,
                "ratio": 0.5
              }
            }
          ]
        }
        """;

    [Fact]
    public void Yaml_and_json_of_the_same_definition_read_to_the_same_document()
    {
        var yaml = DocumentReader.Read("same.yaml", Yaml);
        var json = DocumentReader.Read("same.json", Json);

        Assert.True(JsonNode.DeepEquals(yaml.Root, json.Root), $"YAML gave {yaml.Root.ToJsonString()}\nJSON gave {json.Root.ToJsonString()}");
        Assert.Equal(2L, yaml.Root["version"]!.GetValue<long>());
        Assert.Equal(0.001, yaml.Root["inputs"]!["rate"]!["default"]!.GetValue<double>());
        Assert.True(yaml.Root["steps"]![1]!["with"]!["flag"]!.GetValue<bool>());
        Assert.True(yaml.Root["steps"]![1]!["with"]!.AsObject().ContainsKey("nothing"));
        Assert.Null(yaml.Root["steps"]![1]!["with"]!["nothing"]);
    }

    [Fact]
    public void Yaml_and_json_of_the_same_definition_have_the_same_content_hash()
    {
        var yaml = TestDefinitions.Valid(Yaml, file: "same.yaml");
        var json = TestDefinitions.Valid(Json, file: "same.json");

        Assert.StartsWith("sha256:", yaml.ContentHash, StringComparison.Ordinal);
        Assert.Equal(yaml.ContentHash, json.ContentHash);
    }

    [Fact]
    public void A_changed_value_changes_the_content_hash()
    {
        var original = TestDefinitions.Valid(Yaml);
        var changed = TestDefinitions.Valid(Yaml.Replace("default: 3", "default: 4", StringComparison.Ordinal));

        Assert.NotEqual(original.ContentHash, changed.ContentHash);
    }

    [Fact]
    public void Quoted_yaml_scalars_stay_strings_and_plain_ones_are_typed()
    {
        var document = DocumentReader.Read("types.yaml", """
            id: types
            a: "3"
            b: 3
            c: 'true'
            d: true
            e: 2.5
            f: ~
            g: hello
            """);

        Assert.Equal("3", document.Root["a"]!.GetValue<string>());
        Assert.Equal(3L, document.Root["b"]!.GetValue<long>());
        Assert.Equal("true", document.Root["c"]!.GetValue<string>());
        Assert.True(document.Root["d"]!.GetValue<bool>());
        Assert.Equal(2.5, document.Root["e"]!.GetValue<double>());
        Assert.Null(document.Root["f"]);
        Assert.Equal("hello", document.Root["g"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("/inputs", 4)] // the key's line: an error about 'inputs' points at 'inputs:', not at its first entry
    [InlineData("/inputs/rate/default", 6)]
    [InlineData("/steps/0", 10)]
    [InlineData("/steps/1/uses", 14)]
    [InlineData("/steps/1/with/total", 16)]
    [InlineData("/steps/1/with/ratio", 19)]
    public void The_yaml_source_map_gives_the_line_of_each_pointer(string pointer, int line)
    {
        var document = DocumentReader.Read("lines.yaml", Yaml);

        Assert.Equal(line, document.SourceMap.Find(pointer)?.Line);
    }

    [Theory]
    [InlineData("/version", 2)]
    [InlineData("/inputs/rate/default", 7)]
    [InlineData("/steps/0", 11)]
    [InlineData("/steps/1/id", 13)]
    [InlineData("/steps/1/with/nothing", 18)]
    public void The_json_source_map_gives_the_line_of_each_pointer(string pointer, int line)
    {
        var document = DocumentReader.Read("lines.json", Json);

        Assert.Equal(line, document.SourceMap.Find(pointer)?.Line);
    }

    [Fact]
    public void A_pointer_without_its_own_entry_takes_its_nearest_ancestors_line()
    {
        var document = DocumentReader.Read("lines.yaml", Yaml);

        Assert.Equal(16, document.SourceMap.Find("/steps/1/with/total/not/there")?.Line);
    }

    [Fact]
    public void The_yaml_source_map_gives_columns_too()
    {
        var document = DocumentReader.Read("lines.yaml", Yaml);

        // "    uses: set" — the value starts at column 11.
        Assert.Equal(new SourceLocation(14, 11), document.SourceMap.Find("/steps/1/uses"));
    }

    [Fact]
    public void A_yaml_syntax_error_names_the_file_and_line()
    {
        const string text = """
            id: broken
            steps:
              - id: a
                uses: log
                with: { message: hi, level: [info }
            """;

        var error = Assert.Throws<DefinitionSyntaxException>(() => DocumentReader.Read("broken.yaml", text));

        Assert.Equal("broken.yaml", error.File);
        Assert.Equal(5, error.Location?.Line);
        Assert.StartsWith("broken.yaml:5:", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }

    [Fact]
    public void A_json_syntax_error_names_the_file_and_line()
    {
        const string text = """
            {
              "id": "broken",
              "steps": [
                { "id": "a" "uses": "log" }
              ]
            }
            """;

        var error = Assert.Throws<DefinitionSyntaxException>(() => DocumentReader.Read("broken.json", text));

        Assert.Equal("broken.json", error.File);
        Assert.Equal(4, error.Location?.Line);
        Assert.StartsWith("broken.json:4:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_becomes_one_issue_with_file_and_line_when_loading()
    {
        var issues = TestDefinitions.Issues("""
            {
              "id": "broken",
              "steps": [ { "id": "a", "uses": "log", } ,, ]
            }
            """, file: "broken.json");

        var issue = Assert.Single(issues);
        Assert.Equal("broken.json", issue.File);
        Assert.Equal(3, issue.Location?.Line);
        Assert.Equal("", issue.Path);
    }

    [Fact]
    public void A_duplicate_key_in_yaml_is_rejected_at_its_second_occurrence()
    {
        const string text = """
            id: twice
            steps:
              - id: a
                uses: log
                with: { message: hi }
                uses: set
            """;

        var error = Assert.Throws<DefinitionSyntaxException>(() => DocumentReader.Read("twice.yaml", text));

        Assert.Equal("twice.yaml", error.File);
        Assert.Equal(6, error.Location?.Line);
        Assert.Contains("uses", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_in_json_is_rejected_at_its_second_occurrence()
    {
        const string text = """
            {
              "id": "twice",
              "steps": [],
              "id": "again"
            }
            """;

        var error = Assert.Throws<DefinitionSyntaxException>(() => DocumentReader.Read("twice.json", text));

        Assert.Equal("twice.json", error.File);
        Assert.Equal(4, error.Location?.Line);
        Assert.Contains("'id' appears twice", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_one_yaml_document_is_rejected()
    {
        var error = Assert.Throws<DefinitionSyntaxException>(() => DocumentReader.Read("two.yaml", "id: a\n---\nid: b\n"));

        Assert.Contains("more than one YAML document", error.Reason, StringComparison.Ordinal);
        Assert.Equal(3, error.Location?.Line);
    }

    [Fact]
    public void An_empty_file_is_rejected()
    {
        var error = Assert.Throws<DefinitionSyntaxException>(() => DocumentReader.Read("empty.yaml", ""));

        Assert.Contains("empty", error.Reason, StringComparison.Ordinal);
    }

    // YamlDocumentReader has a branch that rejects aliases ("repeat the value instead"), but
    [Fact]
    public void A_yaml_anchor_alias_is_rejected()
    {
        var error = Assert.Throws<DefinitionSyntaxException>(() => DocumentReader.Read("alias.yaml", """
            id: alias
            base: &b { message: hi }
            copy: *b
            """));

        Assert.Contains("anchors and aliases (&b)", error.Reason, StringComparison.Ordinal);
        Assert.Equal(2, error.Location?.Line);
    }

    [Fact]
    public void A_file_without_a_json_or_yaml_extension_is_read_as_json_when_it_starts_with_a_brace()
    {
        var document = DocumentReader.Read("definition.txt", """{ "id": "x", "n": 1 }""");

        Assert.Equal("x", document.Root["id"]!.GetValue<string>());
    }

    [Fact]
    public void A_missing_file_is_a_syntax_error_naming_it()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "nope.yaml");

        var error = Assert.Throws<DefinitionSyntaxException>(() => DocumentReader.ReadFile(path));

        Assert.Equal(path, error.File);
        Assert.True(error.FileMissing);
        Assert.Null(error.Hint("fix the syntax"));
    }

    [Fact]
    public void A_syntax_error_in_a_file_that_exists_keeps_its_syntax_hint()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("broken.yaml", "id: [unclosed\n");

        var error = Assert.Throws<DefinitionSyntaxException>(() => DocumentReader.ReadFile(path));

        Assert.False(error.FileMissing);
        Assert.Equal("fix the syntax", error.Hint("fix the syntax"));
    }

    [Fact]
    public void A_missing_file_becomes_one_issue_without_a_syntax_hint_when_loading()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "nope.yaml");

        var issue = Assert.Single(new DefinitionLoader(TestDefinitions.BuiltIns()).LoadFile(path).Issues);

        Assert.Equal((path, "no such file; check the path.", null), (issue.File, issue.Message, issue.Hint));
    }
}
