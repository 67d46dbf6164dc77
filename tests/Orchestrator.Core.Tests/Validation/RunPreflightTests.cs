using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Tests.TestSupport;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Tests.Validation;

public sealed class RunPreflightTests
{
    private readonly ActivityRegistry _activities = TestDefinitions.BuiltIns().Add(new FlavourActivity());

    private IReadOnlyList<ValidationIssue> Check(string yaml, string inputsJson) =>
        RunPreflight.Check(TestDefinitions.Valid(yaml, _activities), _activities, JsonNode.Parse(inputsJson)!.AsObject());

    private const string ServeFromInputs = """
        id: serve
        inputs:
          flavour: { type: string, default: vanilla }
          scoops: { type: int, default: 1 }
        steps:
          - { id: greet, uses: log, with: { message: "serving ${inputs.flavour}" } }
          - { id: serve, uses: test/flavour, with: { flavour: "${inputs.flavour}", scoops: "${inputs.scoops}" } }
        """;

    [Fact]
    public void A_bad_value_computed_from_the_run_inputs_is_reported_at_the_step_input()
    {
        var issue = Assert.Single(Check(ServeFromInputs, """{ "flavour": "mint", "scoops": 2 }"""));

        Assert.Equal("/steps/1/with/flavour", issue.Path);
        Assert.Equal("with the run's inputs, flavour must be vanilla, chocolate or strawberry", issue.Message);
        Assert.Equal("change the input given with -i, or its default", issue.Hint);
        Assert.Equal("test.yaml", issue.File);
    }

    [Fact]
    public void Good_run_inputs_give_no_issues()
    {
        Assert.Empty(Check(ServeFromInputs, """{ "flavour": "chocolate", "scoops": 3 }"""));
    }

    [Fact]
    public void Each_bad_input_of_a_step_is_reported()
    {
        var issues = Check(ServeFromInputs, """{ "flavour": "mint", "scoops": 7 }""");

        Assert.Equal(["/steps/1/with/flavour", "/steps/1/with/scoops"], issues.Select(i => i.Path));
        Assert.Equal("with the run's inputs, scoops must be from 1 to 3", issues[1].Message);
    }

    [Fact]
    public void A_computed_value_of_the_wrong_type_is_reported()
    {
        var issue = Assert.Single(Check(ServeFromInputs, """{ "flavour": "vanilla", "scoops": "two" }"""));

        Assert.Equal("/steps/1/with/scoops", issue.Path);
        Assert.StartsWith("with the run's inputs, 'scoops' must be an int but is a string", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_interpolated_into_text_are_checked_on_the_rendered_text()
    {
        const string yaml = """
            id: serve
            inputs:
              start: { type: string }
            steps:
              - { id: serve, uses: test/flavour, with: { flavour: "${inputs.start}illa" } }
            """;

        Assert.Empty(Check(yaml, """{ "start": "van" }"""));
        Assert.Equal("/steps/0/with/flavour", Assert.Single(Check(yaml, """{ "start": "gor" }""")).Path);
    }

    [Fact]
    public void Steps_inside_loops_are_checked_at_their_own_path()
    {
        var issue = Assert.Single(Check("""
            id: serve
            inputs:
              flavour: { type: string }
            steps:
              - id: rounds
                loop: { times: 2 }
                do:
                  - { id: serve, uses: test/flavour, with: { flavour: "${inputs.flavour}" } }
            """, """{ "flavour": "mint" }"""));

        Assert.Equal("/steps/0/do/0/with/flavour", issue.Path);
    }

    [Fact]
    public void Expressions_reading_state_are_not_evaluated()
    {
        Assert.Empty(Check("""
            id: serve
            inputs:
              flavour: { type: string }
            state: { flavour: mint }
            steps:
              - { id: serve, uses: test/flavour, with: { flavour: "${state.flavour}" } }
              - { id: again, uses: test/flavour, with: { flavour: "${inputs.flavour + state.flavour}" } }
            """, """{ "flavour": "mint" }"""));
    }

    [Fact]
    public void Expressions_reading_step_outputs_are_not_evaluated()
    {
        Assert.Empty(Check("""
            id: serve
            inputs:
              flavour: { type: string }
            steps:
              - { id: first, uses: log, with: { message: mint } }
              - { id: serve, uses: test/flavour, with: { flavour: "${steps.first.output.message}" } }
            """, """{ "flavour": "mint" }"""));
    }

    [Fact]
    public void Only_inputs_computed_from_the_run_inputs_are_reported_beside_deferred_ones()
    {
        var issue = Assert.Single(Check("""
            id: serve
            inputs:
              scoops: { type: int }
            state: { flavour: mint }
            steps:
              - { id: serve, uses: test/flavour, with: { flavour: "${state.flavour}", scoops: "${inputs.scoops}" } }
            """, """{ "scoops": 9 }"""));

        Assert.Equal("/steps/0/with/scoops", issue.Path);
    }

    [Fact]
    public void Steps_whose_activity_is_not_registered_are_skipped()
    {
        var definition = TestDefinitions.Valid(ServeFromInputs, _activities);

        Assert.Empty(RunPreflight.Check(definition, TestDefinitions.BuiltIns(), JsonNode.Parse("""{ "flavour": "mint" }""")!.AsObject()));
    }
}
