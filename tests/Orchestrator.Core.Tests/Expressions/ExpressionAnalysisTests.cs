using Orchestrator.Core.Expressions;

namespace Orchestrator.Core.Tests.Expressions;

public sealed class ExpressionAnalysisTests
{
    [Fact]
    public void Step_and_input_references_are_found_in_any_form()
    {
        var analysis = ExpressionAnalysis.Of("steps.a.output + steps['b'].output + inputs.n + inputs['m'] + state.x");

        Assert.Equal(["a", "b"], analysis.StepReferences.Order());
        Assert.Equal(["m", "n"], analysis.InputReferences.Order());
        Assert.False(analysis.ReadsStepsDynamically);
        Assert.Contains("state", analysis.Names);
    }

    [Fact]
    public void A_computed_step_name_is_flagged_as_dynamic()
    {
        Assert.True(ExpressionAnalysis.Of("steps[inputs.which].output").ReadsStepsDynamically);
    }

    [Theory]
    [InlineData("1 +")]
    [InlineData("1); while(true){} (1")]
    [InlineData("a b")]
    [InlineData("return 1")]
    public void Text_that_is_not_one_expression_is_rejected(string expression)
    {
        var error = Assert.Throws<ExpressionException>(() => ExpressionAnalysis.Of(expression));

        Assert.Contains("not a valid expression", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("state.count + 1", "state")]
    [InlineData("steps.sum.output.values.map(v => v * factor)", "factor,steps")]
    [InlineData("({ total: state.total, n })", "n,state")]
    [InlineData("[1, 2].reduce((acc, { x = y }, ...rest) => acc + x, 0)", "y")]
    [InlineData("obj[key].value", "key,obj")]
    [InlineData("(function f(a) { var b = a + c; return b; })(1)", "c")]
    public void Free_names_are_the_names_read_from_outside(string expression, string expected)
    {
        Assert.Equal(expected.Split(','), ExpressionAnalysis.Of(expression).FreeNames.Order(StringComparer.Ordinal));
    }
}
