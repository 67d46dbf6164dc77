using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Validation.Rules;

public sealed class NoStateWritesInParallelRuleTests
{
    [Fact]
    public void Set_inside_a_parallel_step_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: racy
            inputs:
              items: { type: list, default: [1, 2, 3] }
            steps:
              - id: fan
                parallel: { over: "${inputs.items}" }
                do:
                  - id: inner
                    loop: { times: 1 }
                    do:
                      - { id: remember, uses: set, with: { last: "${item}" } }
            """).At("/steps/0/do/0/do/0/uses");

        Assert.Contains("'set' inside the parallel step 'fan' would race with its other branches", issue.Message, StringComparison.Ordinal);
        Assert.Contains("steps.fan.output", issue.Hint, StringComparison.Ordinal);
        Assert.Equal(11, issue.Location?.Line);
    }
}
