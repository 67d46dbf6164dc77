using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Validation.Rules;

public sealed class KnownActivitiesRuleTests
{
    [Fact]
    public void Unknown_activity_type_suggests_the_nearest_name()
    {
        var issue = TestDefinitions.Issues("""
            id: typo
            steps:
              - id: greet
                uses: lgo
                with: { message: hi }
            """).At("/steps/0/uses");

        Assert.Contains("unknown activity type 'lgo'", issue.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'log'?", issue.Hint);
        Assert.Equal(4, issue.Location?.Line);
    }

    [Fact]
    public void Unknown_activity_type_far_from_any_name_says_how_to_list_them()
    {
        var issue = TestDefinitions.Issues("""
            id: typo
            steps:
              - { id: train, uses: learning/post-train }
            """).At("/steps/0/uses");

        Assert.Contains("orchestrator activities", issue.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_activity_input_is_reported_at_with()
    {
        var issue = TestDefinitions.Issues("""
            id: no-message
            steps:
              - id: greet
                uses: log
                with: { level: warn }
            """).At("/steps/0/with");

        Assert.Contains("'log' needs the input 'message'", issue.Message, StringComparison.Ordinal);
        Assert.Equal(5, issue.Location?.Line);
    }

    [Fact]
    public void Missing_with_altogether_still_reports_the_required_input()
    {
        var issue = TestDefinitions.Issues("""
            id: no-with
            steps:
              - { id: stop, uses: fail }
            """).At("/steps/0/with");

        Assert.Contains("'fail' needs the input 'message'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Literal_input_of_the_wrong_type_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: wrong-type
            steps:
              - id: check
                uses: assert
                with:
                  that: "yes"
            """).At("/steps/0/with/that");

        Assert.Contains("'that' must be a bool but is a string", issue.Message, StringComparison.Ordinal);
        Assert.Equal(6, issue.Location?.Line);
    }

    [Fact]
    public void Input_given_as_an_expression_is_not_type_checked_before_the_run()
    {
        var result = TestDefinitions.Load("""
            id: deferred
            steps:
              - { id: check, uses: assert, with: { that: "${1 == 1}" } }
            """);

        Assert.Empty(result.Issues);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Activity_validator_failure_is_reported_at_the_input()
    {
        var issue = TestDefinitions.Issues("""
            id: loud
            steps:
              - id: greet
                uses: log
                with: { message: hi, level: loud }
            """).At("/steps/0/with/level");

        Assert.Contains("level must be info, warn or error", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Activity_validator_does_not_judge_an_input_given_as_an_expression()
    {
        var result = TestDefinitions.Load("""
            id: level-later
            inputs:
              level: { type: string, default: warn }
            steps:
              - { id: greet, uses: log, with: { message: hi, level: "${inputs.level}" } }
            """);

        Assert.Empty(result.Issues);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Unknown_activity_input_suggests_the_nearest_one()
    {
        var issue = TestDefinitions.Issues("""
            id: misspelt-input
            steps:
              - { id: greet, uses: log, with: { mesage: hi } }
            """).At("/steps/0/with/mesage");

        Assert.Contains("'log' has no input 'mesage'", issue.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'message'?", issue.Hint);
    }

    [Fact]
    public void Set_with_nothing_to_assign_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: empty-set
            steps:
              - { id: nothing, uses: set }
            """).At("/steps/0/with");

        Assert.Contains("'set' has nothing to assign", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_key_that_is_not_an_identifier_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: bad-key
            steps:
              - { id: assign, uses: set, with: { "best-score": 1 } }
            """).At("/steps/0/with/best-score");

        Assert.Contains("'best-score' is not a valid state key", issue.Message, StringComparison.Ordinal);
    }
}
