using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Validation.Rules;

public sealed class TunablesRuleTests
{
    [Fact]
    public void Tunable_pointing_nowhere_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: tunable-nowhere
            tunables:
              /steps/1/with/level: { values: [info, warn] }
            steps:
              - { id: greet, uses: log, with: { message: hi, level: info } }
            """).At("/tunables/~1steps~11~1with~1level");

        Assert.Contains("the tunable '/steps/1/with/level' points at nothing in this definition", issue.Message, StringComparison.Ordinal);
        Assert.Equal(3, issue.Location?.Line);
    }

    [Fact]
    public void Tunable_inside_a_protected_path_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: tunable-protected
            tunables:
              /steps/0/with/level: { values: [info, warn] }
            protected: [ /steps/0 ]
            steps:
              - { id: greet, uses: log, with: { message: hi, level: info } }
            """).At("/tunables/~1steps~10~1with~1level");

        Assert.Contains("the tunable '/steps/0/with/level' overlaps the protected path '/steps/0'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tunable_above_a_protected_path_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: tunable-above
            tunables:
              /steps/0/with: { values: [] }
            protected: [ /steps/0/with/message ]
            steps:
              - { id: greet, uses: log, with: { message: hi } }
            """).At("/tunables/~1steps~10~1with");

        Assert.Contains("overlaps the protected path '/steps/0/with/message'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Protected_path_pointing_nowhere_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: protected-nowhere
            protected: [ /steps/0, /steps/7 ]
            steps:
              - { id: greet, uses: log, with: { message: hi } }
            """).At("/protected/1");

        Assert.Contains("the protected path '/steps/7' points at nothing", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sibling_paths_with_a_common_prefix_do_not_overlap()
    {
        var result = TestDefinitions.Load("""
            id: siblings
            tunables:
              /steps/1/with/level: { values: [info, warn] }
            protected: [ /steps/10 ]
            steps:
              - { id: s0, uses: log, with: { message: "0" } }
              - { id: s1, uses: log, with: { message: "1", level: info } }
              - { id: s2, uses: log, with: { message: "2" } }
              - { id: s3, uses: log, with: { message: "3" } }
              - { id: s4, uses: log, with: { message: "4" } }
              - { id: s5, uses: log, with: { message: "5" } }
              - { id: s6, uses: log, with: { message: "6" } }
              - { id: s7, uses: log, with: { message: "7" } }
              - { id: s8, uses: log, with: { message: "8" } }
              - { id: s9, uses: log, with: { message: "9" } }
              - { id: s10, uses: log, with: { message: "10" } }
            """);

        Assert.Empty(result.Issues);
        Assert.True(result.IsValid);
    }
}
