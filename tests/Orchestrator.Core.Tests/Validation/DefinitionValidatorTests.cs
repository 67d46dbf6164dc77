using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Validation;

public sealed class DefinitionValidatorTests
{
    [Fact]
    public void A_fully_valid_definition_has_no_issues()
    {
        using var folder = new TempDirectory();
        folder.Write("sum.yaml", """
            id: sum-list
            version: 1
            inputs:
              values: { type: list }
            steps:
              - { id: total, uses: set, with: { total: "${inputs.values.reduce((a, b) => a + b, 0)}" } }
            output: "${state.total}"
            """);
        var catalog = new FolderDefinitionCatalog([folder.Path]);

        var result = TestDefinitions.Load("""
            id: everything
            version: 4
            description: Uses every construct once.
            inputs:
              items: { type: list, default: [1, 2, 3] }
              rounds: { type: int, default: 2 }
              verbose: { type: bool, default: false }
            state:
              total: 0
            tunables:
              /steps/0/do/0/parallel/maxDegree: { values: [1, 2, 4] }
            protected: [ /inputs ]
            steps:
              - id: rounds
                loop: { times: "${inputs.rounds}", until: "${state.total > 100}", max: 10 }
                do:
                  - id: fan
                    parallel: { over: "${inputs.items}", as: n, maxDegree: 2 }
                    do:
                      - { id: say, uses: log, with: { message: "item ${n} in round ${loop.index}" } }
                  - id: sum
                    call: { workflow: sum-list, version: 1 }
                    with: { values: "${inputs.items}" }
                  - { id: add, uses: set, with: { total: "${state.total + steps.sum.output}" } }
              - id: shout
                if: "${inputs.verbose}"
                uses: log
                with: { message: "total ${state.total}", level: warn }
                timeout: 5s
                retry: { attempts: 3, delay: 100ms, backoff: exponential, maxDelay: 1s }
              - { id: check, uses: assert, with: { that: "${state.total >= 0}", message: never negative } }
            output: "${ { total: state.total, rounds: steps.rounds.output.iterations } }"
            """, catalog: catalog);

        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        Assert.Empty(result.Issues);
        Assert.NotNull(result.Definition);
    }

    [Fact]
    public void Every_meaning_problem_is_reported_at_once()
    {
        var issues = TestDefinitions.Issues("""
            id: three-problems
            steps:
              - { id: greet, uses: lgo, with: { message: hi } }
              - { id: greet, uses: log, with: { message: hi } }
              - { id: echo, uses: log, with: { message: "${steps.nobody.output}" } }
              - id: spin
                loop: { until: "${false}" }
                do:
                  - { id: inner, uses: log, with: { message: hi } }
            """);

        Assert.Contains("unknown activity type 'lgo'", issues.At("/steps/0/uses").Message, StringComparison.Ordinal);
        Assert.Contains("duplicate step id 'greet'", issues.At("/steps/1/id").Message, StringComparison.Ordinal);
        Assert.Contains("no step 'nobody'", issues.At("/steps/2/with/message").Message, StringComparison.Ordinal);
        Assert.Contains("has only 'until'", issues.At("/steps/3/loop").Message, StringComparison.Ordinal);
        Assert.Equal(4, issues.Count);
    }

    [Fact]
    public void Issues_render_with_file_line_path_message_and_hint()
    {
        var issue = TestDefinitions.Issues("""
            id: render
            steps:
              - { id: greet, uses: lgo, with: { message: hi } }
            """, file: "flows/render.yaml").At("/steps/0/uses");

        Assert.Equal("flows/render.yaml:3:24: /steps/0/uses: unknown activity type 'lgo' (did you mean 'log'?)", issue.ToString());
    }

    [Fact]
    public void Structural_and_meaning_problems_are_reported_together_in_file_order()
    {
        var issues = TestDefinitions.Issues("""
            id: both-layers
            inputs:
              rounds: { type: integr, default: 3 }
            steps:
              - { id: first, uses: lgo, with: { message: "${inputs.rounds}" } }
              - { id: second, uses: log, retry: { attempts: 0 }, with: { message: hi } }
            """);

        Assert.Equal(["/inputs/rounds/type", "/steps/0/uses", "/steps/1/retry/attempts"], issues.Select(i => i.Path));
    }
}
