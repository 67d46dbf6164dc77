using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Validation.Rules;

public sealed class BoundedLoopsRuleTests
{
    [Fact]
    public void Loop_with_until_but_no_max_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: unbounded
            steps:
              - id: spin
                loop: { until: "${state.done}" }
                do:
                  - { id: a, uses: log, with: { message: hi } }
            """).At("/steps/0/loop");

        Assert.Contains("the loop 'spin' has only 'until'", issue.Message, StringComparison.Ordinal);
        Assert.Contains("add 'max: N'", issue.Hint, StringComparison.Ordinal);
        Assert.Equal(4, issue.Location?.Line);
    }

    [Fact]
    public void Loop_with_neither_times_nor_until_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: endless
            steps:
              - id: spin
                loop: { max: 5 }
                do:
                  - { id: a, uses: log, with: { message: hi } }
            """).At("/steps/0/loop");

        Assert.Contains("the loop 'spin' has neither 'times' nor 'until'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loop_times_that_is_not_a_whole_number_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: fractional
            steps:
              - id: spin
                loop: { times: 2.5 }
                do:
                  - { id: a, uses: log, with: { message: hi } }
            """).At("/steps/0/loop/times");

        Assert.Contains("times 2.5 is not a whole number", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loop_with_until_and_max_is_bounded()
    {
        var result = TestDefinitions.Load("""
            id: bounded
            steps:
              - id: spin
                loop: { until: "${loop.index >= 2}", max: 5 }
                do:
                  - { id: a, uses: log, with: { message: hi } }
            """);

        Assert.Empty(result.Issues);
        Assert.True(result.IsValid);
    }
}
