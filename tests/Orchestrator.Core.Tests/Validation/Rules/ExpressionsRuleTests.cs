using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Validation.Rules;

public sealed class ExpressionsRuleTests
{
    [Fact]
    public void Reference_to_an_unknown_step_suggests_a_visible_one()
    {
        var issue = TestDefinitions.Issues("""
            id: unknown-step
            steps:
              - { id: greet, uses: log, with: { message: hi } }
              - { id: echo, uses: log, with: { message: "${steps.gret.output.message}" } }
            """).At("/steps/1/with/message");

        Assert.Contains("the expression reads steps.gret, but there is no step 'gret'", issue.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'greet'?", issue.Hint);
        Assert.Equal(4, issue.Location?.Line);
    }

    [Fact]
    public void Reference_to_a_later_step_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: later-step
            steps:
              - { id: echo, uses: log, with: { message: "${steps.greet.output.message}" } }
              - { id: greet, uses: log, with: { message: hi } }
            """).At("/steps/0/with/message");

        Assert.Contains("the expression reads steps.greet, which runs later (at /steps/1)", issue.Message, StringComparison.Ordinal);
        Assert.Contains("move the step", issue.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_to_a_later_step_is_called_later_whatever_the_number_of_digits_in_its_index()
    {
        var issue = TestDefinitions.Issues("""
            id: later-step-ten
            steps:
              - { id: s0, uses: log, with: { message: "0" } }
              - { id: s1, uses: log, with: { message: "1" } }
              - { id: s2, uses: log, with: { message: "2" } }
              - { id: s3, uses: log, with: { message: "3" } }
              - { id: s4, uses: log, with: { message: "4" } }
              - { id: s5, uses: log, with: { message: "5" } }
              - { id: s6, uses: log, with: { message: "6" } }
              - { id: s7, uses: log, with: { message: "7" } }
              - { id: s8, uses: log, with: { message: "8" } }
              - { id: s9, uses: log, with: { message: "${steps.s10.output.message}" } }
              - { id: s10, uses: log, with: { message: "10" } }
            """).At("/steps/9/with/message");

        Assert.Contains("the expression reads steps.s10, which runs later (at /steps/10)", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_to_the_step_itself_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: self
            steps:
              - { id: echo, uses: log, with: { message: "${steps.echo.output.message}" } }
            """).At("/steps/0/with/message");

        Assert.Contains("from inside that same step", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_into_another_loop_from_outside_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: inside-loop
            steps:
              - id: spin
                loop: { times: 2 }
                do:
                  - { id: inner, uses: log, with: { message: hi } }
              - { id: echo, uses: log, with: { message: "${steps.inner.output.message}" } }
            """).At("/steps/1/with/message");

        Assert.Contains("which is inside the loop 'spin' (at /steps/0/do/0)", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loop_until_may_read_the_steps_of_its_own_body()
    {
        var result = TestDefinitions.Load("""
            id: until-body
            steps:
              - id: spin
                loop: { until: "${steps.inner.output.message == 'hi'}", max: 3 }
                do:
                  - { id: inner, uses: log, with: { message: hi } }
            """);

        Assert.Empty(result.Issues);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Reference_to_an_undeclared_input_suggests_the_nearest_declared_one()
    {
        var issue = TestDefinitions.Issues("""
            id: undeclared
            inputs:
              rounds: { type: int, default: 3 }
            steps:
              - { id: greet, uses: log, with: { message: "${inputs.rouns}" } }
            """).At("/steps/0/with/message");

        Assert.Contains("the expression reads inputs.rouns, which is not declared", issue.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'rounds'?", issue.Hint);
    }

    [Fact]
    public void Reference_to_an_undeclared_input_in_a_condition_is_reported_at_if()
    {
        var issue = TestDefinitions.Issues("""
            id: undeclared-if
            steps:
              - id: greet
                if: "${inputs.enabled}"
                uses: log
                with: { message: hi }
            """).At("/steps/0/if");

        Assert.Contains("inputs.enabled, which is not declared", issue.Message, StringComparison.Ordinal);
        Assert.Equal(4, issue.Location?.Line);
    }

    [Fact]
    public void Malformed_expression_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: malformed
            steps:
              - { id: greet, uses: log, with: { message: "${ 1 + }" } }
            """).At("/steps/0/with/message");

        Assert.Contains("malformed expression '1 +': not a valid expression", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_expression_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: unclosed
            steps:
              - { id: greet, uses: log, with: { message: "total ${state.total" } }
            """).At("/steps/0/with/message");

        Assert.Contains("malformed expression: the expression starting with '${' is never closed", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Statement_injection_is_rejected_as_not_an_expression()
    {
        var issue = TestDefinitions.Issues("""
            id: injection
            steps:
              - { id: greet, uses: log, with: { message: "${1); while(true){} (1}" } }
            """).At("/steps/0/with/message");

        Assert.Contains("not a valid expression", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expressions_in_the_workflow_output_are_checked()
    {
        var issue = TestDefinitions.Issues("""
            id: output-ref
            steps:
              - { id: greet, uses: log, with: { message: hi } }
            output: "${steps.greeting.output}"
            """).At("/output");

        Assert.Contains("there is no step 'greeting'", issue.Message, StringComparison.Ordinal);
        Assert.Equal(4, issue.Location?.Line);
    }

    [Fact]
    public void A_name_that_is_not_in_scope_is_rejected_with_the_nearest_one()
    {
        var issue = TestDefinitions.Issues("""
            id: typo
            state: { count: 0 }
            steps:
              - { id: bump, uses: set, with: { count: "${stat.count + 1}" } }
            """).At("/steps/0/with/count");

        Assert.Contains("the expression reads 'stat', which is not defined", issue.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'state'?", issue.Hint);
    }

    [Fact]
    public void Item_names_lambda_parameters_and_javascript_globals_are_in_scope()
    {
        var result = TestDefinitions.Load("""
            id: names
            inputs: { xs: { type: list, default: [1, 2] } }
            steps:
              - id: fan
                parallel: { over: "${inputs.xs}", as: x }
                do:
                  - { id: show, uses: log, with: { message: "${JSON.stringify([x, branch.index].map(v => Math.max(v, 0)))}" } }
            """);

        Assert.Empty(result.Issues);
    }
}
