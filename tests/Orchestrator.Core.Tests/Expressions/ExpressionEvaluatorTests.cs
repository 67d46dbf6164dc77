using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Expressions;

namespace Orchestrator.Core.Tests.Expressions;

public sealed class ExpressionEvaluatorTests
{
    private readonly ExpressionEvaluator _evaluator = new();

    private static ExpressionScope Scope()
    {
        var outputs = new Dictionary<string, JsonNode?> { ["square"] = new JsonObject { ["value"] = 4, ["square"] = 16 } };
        var scope = new ExpressionScope(
            new JsonObject { ["rounds"] = 3, ["name"] = "ada", ["items"] = new JsonArray(1, 2, 3) },
            new JsonObject { ["total"] = 10, ["done"] = false },
            (string id, out JsonNode? output) => outputs.TryGetValue(id, out output),
            () => outputs.Keys);
        scope.Locals["loop"] = new JsonObject { ["index"] = 2 };
        return scope;
    }

    private JsonNode? Render(string text) => _evaluator.Render(JsonValue.Create(text), Scope());

    [Fact]
    public void A_single_expression_keeps_a_number_type()
    {
        var value = Render("${inputs.rounds + state.total}");

        Assert.Equal(JsonValueKind.Number, value!.GetValueKind());
        Assert.Equal(13L, value.GetValue<long>());
    }

    [Fact]
    public void A_single_expression_keeps_a_fraction()
    {
        Assert.Equal(2.5, Render("${state.total / 4}")!.GetValue<double>());
    }

    [Fact]
    public void A_single_expression_keeps_a_bool_type()
    {
        var value = Render("${state.total > 5}");

        Assert.Equal(JsonValueKind.True, value!.GetValueKind());
    }

    [Fact]
    public void A_single_expression_keeps_an_object_type()
    {
        var value = Render("${ { total: state.total, name: inputs.name } }");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "total": 10, "name": "ada" }"""), value), value?.ToJsonString());
    }

    [Fact]
    public void A_single_expression_keeps_a_list_type()
    {
        var value = Render("${inputs.items.map(i => i * 2)}");

        Assert.True(JsonNode.DeepEquals(new JsonArray(2, 4, 6), value), value?.ToJsonString());
    }

    [Fact]
    public void Null_and_undefined_become_json_null()
    {
        Assert.Null(Render("${null}"));
        Assert.Null(Render("${state.missing}"));
    }

    [Fact]
    public void Mixed_text_interpolates_to_a_string()
    {
        var value = Render("round ${loop.index + 1} of ${inputs.rounds}: ${inputs.name}");

        Assert.Equal("round 3 of 3: ada", value!.GetValue<string>());
    }

    [Fact]
    public void Interpolated_objects_are_written_as_json()
    {
        Assert.Equal("""out={"a":1} null=""", Render("out=${ {a: 1} } null=${null}")!.GetValue<string>());
    }

    [Fact]
    public void Braces_and_quoted_braces_inside_an_expression_are_matched()
    {
        var value = Render("${ { a: 1, b: '}', c: \"{\" } }");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "a": 1, "b": "}", "c": "{" }"""), value), value?.ToJsonString());
    }

    [Fact]
    public void Step_outputs_are_readable_by_id()
    {
        Assert.Equal(16L, Render("${steps.square.output.square}")!.GetValue<long>());
        Assert.Equal(16L, Render("${steps['square'].output.square}")!.GetValue<long>());
    }

    [Fact]
    public void A_step_read_by_a_computed_name_is_bound()
    {
        Assert.Equal(16L, Render("${steps['squ' + 'are'].output.square}")!.GetValue<long>());
    }

    [Fact]
    public void Objects_and_lists_are_rendered_recursively_and_plain_values_are_copied()
    {
        var template = JsonNode.Parse("""{ "n": "${inputs.rounds}", "list": ["${state.done}", "plain", 7], "deep": { "name": "hi ${inputs.name}" } }""");

        var value = _evaluator.Render(template, Scope());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "n": 3, "list": [false, "plain", 7], "deep": { "name": "hi ada" } }"""), value), value?.ToJsonString());
    }

    [Theory]
    [InlineData("${state.total > 5}", true)]
    [InlineData("${state.done}", false)]
    [InlineData("${0}", false)]
    [InlineData("${state.total}", true)]
    [InlineData("${''}", false)]
    [InlineData("${'false'}", false)]
    [InlineData("${'yes'}", true)]
    [InlineData("${null}", false)]
    [InlineData("${[]}", true)]
    public void Conditions_follow_truthiness(string condition, bool expected)
    {
        Assert.Equal(expected, _evaluator.Test(condition, Scope()));
    }

    [Fact]
    public void A_runtime_error_is_an_expression_exception_naming_the_expression()
    {
        var error = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("state.missing.deeper", Scope()));

        Assert.Equal("state.missing.deeper", error.Expression);
        Assert.StartsWith("expression 'state.missing.deeper': ", error.Message, StringComparison.Ordinal);
    }
}
