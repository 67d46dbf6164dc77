using Orchestrator.Core.Expressions;

namespace Orchestrator.Core.Tests.Expressions;

public sealed class ExpressionTemplateTests
{
    [Fact]
    public void Text_that_is_exactly_one_expression_is_a_single_expression()
    {
        var template = ExpressionTemplate.Parse("${ state.total }");

        Assert.True(template.IsSingleExpression);
        Assert.Equal(["state.total"], template.Expressions);
    }

    [Fact]
    public void Mixed_text_splits_into_literal_and_expression_parts()
    {
        var template = ExpressionTemplate.Parse("a ${x} b ${ {y: 1} } c");

        Assert.False(template.IsSingleExpression);
        Assert.Equal(
            [new TemplatePart("a ", false), new TemplatePart("x", true), new TemplatePart(" b ", false), new TemplatePart("{y: 1}", true), new TemplatePart(" c", false)],
            template.Parts);
    }

    [Fact]
    public void A_closing_brace_inside_a_string_does_not_end_the_expression()
    {
        var template = ExpressionTemplate.Parse("${ '}' + `}` + \"}\" }");

        Assert.Equal(["'}' + `}` + \"}\""], template.Expressions);
    }

    [Fact]
    public void Text_without_expressions_is_one_literal()
    {
        var template = ExpressionTemplate.Parse("costs $5 {not an expression}");

        Assert.False(template.HasExpressions);
        Assert.Equal([new TemplatePart("costs $5 {not an expression}", false)], template.Parts);
    }

    [Theory]
    [InlineData("${state.total")]
    [InlineData("${ {a: 1 }")]
    [InlineData("${ 'unterminated }")]
    public void An_unclosed_expression_is_rejected(string text)
    {
        var error = Assert.Throws<ExpressionException>(() => ExpressionTemplate.Parse(text));

        Assert.Contains("never closed", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_expression_is_rejected()
    {
        var error = Assert.Throws<ExpressionException>(() => ExpressionTemplate.Parse("${  }"));

        Assert.Contains("is empty", error.Reason, StringComparison.Ordinal);
    }
}
