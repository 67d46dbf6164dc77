using System.Text.Json.Nodes;
using Orchestrator.Cli.Output;

namespace Orchestrator.Cli.Tests.Output;

public sealed class DisplayJsonTests
{
    [Fact]
    public void Indented_json_rounds_numbers_and_keeps_short_lists_of_values_on_one_line()
    {
        var node = JsonNode.Parse("""
            { "seconds": 19.799999999999997, "alphaSpent": 0.030000000000000002, "p": 3.3e-5, "steps": 400,
              "lengths": [9, 10, 11], "rounds": [ { "round": 1, "kept": [] } ], "empty": {}, "none": null }
            """);

        Assert.Equal("""
            {
              "seconds": 19.8,
              "alphaSpent": 0.03,
              "p": 3.3e-5,
              "steps": 400,
              "lengths": [9, 10, 11],
              "rounds": [
                {
                  "round": 1,
                  "kept": []
                }
              ],
              "empty": {},
              "none": null
            }
            """.ReplaceLineEndings("\n"), DisplayJson.Indented(node));
    }

    [Fact]
    public void A_list_too_long_for_one_line_has_one_value_per_line()
    {
        var values = new JsonArray(Enumerable.Range(0, 30).Select(i => (JsonNode)JsonValue.Create(1000 + i)).ToArray());

        var lines = DisplayJson.Indented(values).Split('\n');

        Assert.Equal(32, lines.Length);
        Assert.Equal(("[", "  1000,", "  1029", "]"), (lines[0], lines[1], lines[^2], lines[^1]));
    }

    [Fact]
    public void The_shown_json_is_json_with_the_same_content_when_nothing_needs_rounding()
    {
        var node = JsonNode.Parse("""{ "a": [1, "two", true, null, { "b": 0.5 }], "c": "quote \" and +", "d": { "e": [] } }""");

        Assert.True(JsonNode.DeepEquals(node, JsonNode.Parse(DisplayJson.Indented(node))));
        Assert.True(JsonNode.DeepEquals(node, JsonNode.Parse(DisplayJson.Compact(node))));
    }

    [Fact]
    public void Text_is_left_readable_and_only_quotes_and_control_characters_are_escaped()
    {
        var node = new JsonObject { ["prompt"] = "3+4=", ["name"] = "é [red]x[/]", ["quoted"] = "say \"hi\"\n" };

        Assert.Equal("""{"prompt":"3+4=","name":"é [red]x[/]","quoted":"say \"hi\"\n"}""", DisplayJson.Compact(node));
    }

    [Fact]
    public void Compact_json_is_one_line_with_numbers_rounded()
    {
        var node = JsonNode.Parse("""{ "seconds": 4.5299999999999998, "rows": [ { "n": 1 }, { "n": 2 } ] }""");

        Assert.Equal("""{"seconds":4.53,"rows":[{"n":1},{"n":2}]}""", DisplayJson.Compact(node));
    }
}
