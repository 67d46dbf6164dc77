using Orchestrator.Core.Definitions;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Definitions;

/// <summary>The structural check: unknown keys, missing fields and malformed values, each named by path and line.</summary>
public sealed class DefinitionBuilderTests
{
    [Fact]
    public void Unknown_top_level_field_suggests_the_nearest_name()
    {
        var issues = TestDefinitions.Issues("""
            id: typo
            descripton: a misspelt field
            steps:
              - { id: a, uses: log, with: { message: hi } }
            """);

        var issue = issues.At("/descripton");
        Assert.Contains("'descripton' is not a field of a definition", issue.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'description'?", issue.Hint);
        Assert.Equal(2, issue.Location?.Line);
        Assert.Equal("test.yaml", issue.File);
    }

    [Fact]
    public void Unknown_top_level_field_far_from_any_name_lists_the_known_fields()
    {
        var issue = TestDefinitions.Issues("""
            id: typo
            zzzzzzzzzz: 1
            steps:
              - { id: a, uses: log, with: { message: hi } }
            """).At("/zzzzzzzzzz");

        Assert.StartsWith("known fields: id, version", issue.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_step_field_suggests_the_nearest_name()
    {
        var issue = TestDefinitions.Issues("""
            id: typo
            steps:
              - id: a
                uses: log
                wiht: { message: hi }
            """).At("/steps/0/wiht");

        Assert.Contains("'wiht' is not a field of a step", issue.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'with'?", issue.Hint);
        Assert.Equal(5, issue.Location?.Line);
    }

    [Fact]
    public void Missing_workflow_id_is_reported_at_the_root()
    {
        var issue = TestDefinitions.Issues("""
            description: no id
            steps:
              - { id: a, uses: log, with: { message: hi } }
            """).At("");

        Assert.Contains("'id' is missing", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_step_id_is_reported_at_the_step()
    {
        var issue = TestDefinitions.Issues("""
            id: no-step-id
            steps:
              - { id: a, uses: log, with: { message: hi } }
              - { uses: log, with: { message: there } }
            """).At("/steps/1");

        Assert.Contains("'id' is missing", issue.Message, StringComparison.Ordinal);
        Assert.Equal(4, issue.Location?.Line);
    }

    [Fact]
    public void Step_doing_two_things_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: two-things
            steps:
              - id: both
                uses: log
                loop: { times: 2 }
                with: { message: hi }
            """).At("/steps/0");

        Assert.Contains("step 'both' has uses and loop; a step does one thing", issue.Message, StringComparison.Ordinal);
        Assert.Equal(3, issue.Location?.Line);
    }

    [Fact]
    public void Step_doing_nothing_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: nothing
            steps:
              - { id: idle, with: { message: hi } }
            """).At("/steps/0");

        Assert.Contains("step 'idle' does not say what it does", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_duration_in_timeout_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: bad-timeout
            steps:
              - id: a
                uses: log
                with: { message: hi }
                timeout: soon
            """).At("/steps/0/timeout");

        Assert.Contains("'soon' is not a duration", issue.Message, StringComparison.Ordinal);
        Assert.Equal(Duration.Hint, issue.Hint);
        Assert.Equal(6, issue.Location?.Line);
    }

    [Fact]
    public void Zero_timeout_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: zero-timeout
            steps:
              - { id: a, uses: log, with: { message: hi }, timeout: 0s }
            """).At("/steps/0/timeout");

        Assert.Contains("is not a duration", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("2.5")]
    [InlineData("many")]
    public void Invalid_retry_attempts_are_rejected(string attempts)
    {
        var issue = TestDefinitions.Issues($$"""
            id: bad-retry
            steps:
              - id: a
                uses: log
                with: { message: hi }
                retry: { attempts: {{attempts}} }
            """).At("/steps/0/retry/attempts");

        Assert.Contains("attempts must be a whole number from 1 to 100", issue.Message, StringComparison.Ordinal);
        Assert.Equal(6, issue.Location?.Line);
    }

    [Fact]
    public void Unknown_retry_backoff_lists_the_known_ones()
    {
        var issue = TestDefinitions.Issues("""
            id: bad-backoff
            steps:
              - { id: a, uses: log, with: { message: hi }, retry: { attempts: 2, backoff: fibonacci } }
            """).At("/steps/0/retry/backoff");

        Assert.Contains("unknown backoff 'fibonacci'", issue.Message, StringComparison.Ordinal);
        Assert.Contains("exponential", issue.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_retry_delay_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: bad-delay
            steps:
              - { id: a, uses: log, with: { message: hi }, retry: { attempts: 2, delay: later } }
            """).At("/steps/0/retry/delay");

        Assert.Contains("'later' is not a duration", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_id_that_is_not_an_identifier_gets_a_fixed_spelling_in_the_hint()
    {
        var issue = TestDefinitions.Issues("""
            id: bad-step-id
            steps:
              - { id: my-step, uses: log, with: { message: hi } }
            """).At("/steps/0/id");

        Assert.Contains("step id 'my-step' is not a valid identifier", issue.Message, StringComparison.Ordinal);
        Assert.Contains("steps.my_step.output", issue.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Workflow_id_with_capitals_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: MyWorkflow
            steps:
              - { id: a, uses: log, with: { message: hi } }
            """).At("/id");

        Assert.Contains("'MyWorkflow' is not a valid workflow id", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_default_of_the_wrong_type_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: bad-default
            inputs:
              rounds: { type: int, default: many }
            steps:
              - { id: a, uses: log, with: { message: hi } }
            """).At("/inputs/rounds/default");

        Assert.Contains("the default is a string but the input is declared int", issue.Message, StringComparison.Ordinal);
        Assert.Equal(3, issue.Location?.Line);
    }

    [Fact]
    public void Unknown_input_type_suggests_the_nearest_one()
    {
        var issue = TestDefinitions.Issues("""
            id: bad-type
            inputs:
              name: { type: strng }
            steps:
              - { id: a, uses: log, with: { message: hi } }
            """).At("/inputs/name/type");

        Assert.Contains("unknown input type 'strng'", issue.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'string'?", issue.Hint);
    }

    [Fact]
    public void Loop_without_a_body_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: empty-loop
            steps:
              - { id: spin, loop: { times: 2 } }
            """).At("/steps/0");

        Assert.Contains("the loop step 'spin' has no 'do' steps", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loop_max_below_one_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: bad-max
            steps:
              - id: spin
                loop: { until: "${true}", max: 0 }
                do:
                  - { id: a, uses: log, with: { message: hi } }
            """).At("/steps/0/loop/max");

        Assert.Contains("max must be a whole number of at least 1", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Call_without_a_version_is_rejected_because_calls_are_pinned()
    {
        var issue = TestDefinitions.Issues("""
            id: unpinned
            steps:
              - { id: sub, call: { workflow: other } }
            """).At("/steps/0/call/version");

        Assert.Contains("a sub-workflow is pinned, never 'latest'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parallel_item_name_may_not_shadow_a_scope_root()
    {
        var issue = TestDefinitions.Issues("""
            id: shadow
            inputs:
              items: { type: list, default: [1, 2] }
            steps:
              - id: fan
                parallel: { over: "${inputs.items}", as: state }
                do:
                  - { id: a, uses: log, with: { message: hi } }
            """).At("/steps/0/parallel/as");

        Assert.Contains("'state' cannot name the item", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tunable_with_min_above_max_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: bounds
            tunables:
              /steps/0/with/message: { min: 5.5, max: 1.5 }
            steps:
              - { id: a, uses: log, with: { message: hi } }
            """).At("/tunables/~1steps~10~1with~1message");

        Assert.Contains("min 5.5 is greater than max 1.5", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tunable_bounds_may_be_whole_numbers()
    {
        // As in the design's own example: '{ min: 1, max: 16 }'. YAML and JSON both read 1 and 16 as integers.
        var definition = TestDefinitions.Valid("""
            id: whole-bounds
            tunables:
              /steps/0/loop/times: { min: 1, max: 16 }
            steps:
              - id: spin
                loop: { times: 2 }
                do:
                  - { id: a, uses: log, with: { message: hi } }
            """);

        var tunable = Assert.Single(definition.Tunables);
        Assert.Equal(1.0, tunable.Min);
        Assert.Equal(16.0, tunable.Max);
    }

    [Fact]
    public void Definition_without_steps_is_rejected()
    {
        var issue = TestDefinitions.Issues("id: stepless\n").At("");

        Assert.Contains("the definition has no 'steps'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_structural_problem_is_reported_at_once()
    {
        var issues = TestDefinitions.Issues("""
            id: many-problems
            verison: 2
            steps:
              - id: a
                uses: log
                with: { message: hi }
                timeout: whenever
              - id: b
                uses: log
                with: { message: hi }
                retry: { attempts: 0 }
            """);

        Assert.Contains("is not a field", issues.At("/verison").Message, StringComparison.Ordinal);
        Assert.Contains("is not a duration", issues.At("/steps/0/timeout").Message, StringComparison.Ordinal);
        Assert.Contains("attempts must be", issues.At("/steps/1/retry/attempts").Message, StringComparison.Ordinal);
        Assert.Equal(3, issues.Count);
    }

    [Fact]
    public void A_valid_definition_exposes_its_parts()
    {
        var definition = TestDefinitions.Valid("""
            id: parts
            version: 3
            inputs:
              rounds: { type: int, default: 2 }
              name: { type: string }
            steps:
              - id: spin
                loop: { times: "${inputs.rounds}" }
                do:
                  - { id: say, uses: log, with: { message: "hi ${inputs.name}" }, timeout: 250ms, retry: { attempts: 4, delay: 10ms, backoff: linear } }
            output: "${state}"
            """);

        Assert.Equal("parts@3", definition.Reference);
        Assert.Equal(["rounds", "name"], definition.Inputs.Select(i => i.Name));
        Assert.False(definition.Inputs[0].Required);
        Assert.True(definition.Inputs[1].Required);
        var say = Assert.IsType<ActivityStep>(definition.AllSteps().Last());
        Assert.Equal("/steps/0/do/0", say.Pointer);
        Assert.Equal(TimeSpan.FromMilliseconds(250), say.Timeout);
        Assert.Equal(new RetryPolicy(4, TimeSpan.FromMilliseconds(10), RetryBackoff.Linear, TimeSpan.FromMinutes(1)), say.Retry);
    }
}
