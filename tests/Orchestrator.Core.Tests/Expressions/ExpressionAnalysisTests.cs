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
}
