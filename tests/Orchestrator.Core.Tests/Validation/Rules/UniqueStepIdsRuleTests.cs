using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Validation.Rules;

public sealed class UniqueStepIdsRuleTests
{
    [Fact]
    public void Duplicate_step_id_names_where_it_was_first_used()
    {
        var issue = TestDefinitions.Issues("""
            id: dupes
            steps:
              - { id: greet, uses: log, with: { message: hi } }
              - id: spin
                loop: { times: 2 }
                do:
                  - { id: greet, uses: log, with: { message: again } }
            """).At("/steps/1/do/0/id");

        Assert.Contains("duplicate step id 'greet' (first used at /steps/0)", issue.Message, StringComparison.Ordinal);
        Assert.Equal(7, issue.Location?.Line);
    }
}
