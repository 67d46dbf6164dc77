using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

public sealed class SequenceTests
{
    private readonly EngineHarness _harness = new();

    [Fact]
    public async Task Steps_run_in_order_and_set_updates_state_for_the_steps_after_it()
    {
        var run = await _harness.RunAsync("""
            id: sequence
            inputs:
              start: { type: int, default: 5 }
            state:
              total: "${inputs.start}"
            steps:
              - { id: first, uses: set, with: { total: "${state.total + 1}" } }
              - { id: second, uses: set, with: { total: "${state.total * 2}", note: "after ${steps.first.output.total}" } }
              - { id: say, uses: log, with: { message: "total is ${state.total}" } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Null(run.Error);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "total": 12, "note": "after 6" }"""), run.State), run.State.ToJsonString());
        Assert.Equal(3, run.StepsCommitted);
        Assert.Equal("say", run.Position);

        var journal = await _harness.JournalAsync(run.Id);
        Assert.Equal(["first", "second", "say"], journal.Select(s => s.Key));
        Assert.All(journal, s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.All(journal, s => Assert.Equal(1, s.Attempts));
        Assert.Equal("total is 12", journal[2].Output!["message"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "total": 12, "note": "after 6" }"""), journal[1].StateChanges), journal[1].StateChanges?.ToJsonString());
    }

    [Fact]
    public async Task Without_an_output_expression_the_output_is_the_final_state()
    {
        var run = await _harness.RunAsync("""
            id: state-output
            steps:
              - { id: assign, uses: set, with: { answer: 42 } }
            """);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "answer": 42 }"""), run.Output), run.Output?.ToJsonString());
    }

    [Fact]
    public async Task The_output_expression_shapes_the_run_output()
    {
        var run = await _harness.RunAsync("""
            id: shaped-output
            inputs:
              name: { type: string }
            state: { total: 1 }
            steps:
              - { id: assign, uses: set, with: { total: "${state.total + 2}" } }
              - { id: greet, uses: log, with: { message: "hello ${inputs.name}" } }
            output: "${ { total: state.total, greeting: steps.greet.output.message } }"
            """, new JsonObject { ["name"] = "ada" });

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "total": 3, "greeting": "hello ada" }"""), run.Output), run.Output?.ToJsonString());
    }

    [Fact]
    public async Task Inputs_take_their_defaults_and_given_values()
    {
        var run = await _harness.RunAsync("""
            id: inputs
            inputs:
              rounds: { type: int, default: 3 }
              rate: { type: number, default: 0.5 }
            steps:
              - { id: greet, uses: log, with: { message: hi } }
            """, new JsonObject { ["rate"] = 2 });

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "rounds": 3, "rate": 2 }"""), run.Inputs), run.Inputs.ToJsonString());
    }

    [Fact]
    public async Task A_missing_required_input_refuses_to_start()
    {
        var error = await Assert.ThrowsAsync<RunSetupException>(() => _harness.RunAsync("""
            id: needs-input
            inputs:
              name: { type: string }
            steps:
              - { id: greet, uses: log, with: { message: "hi ${inputs.name}" } }
            """));

        Assert.Contains("input 'name' is required", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _harness.Store.ListRunsAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task An_input_of_the_wrong_type_or_name_refuses_to_start()
    {
        var error = await Assert.ThrowsAsync<RunSetupException>(() => _harness.RunAsync("""
            id: typed-input
            inputs:
              rounds: { type: int, default: 1 }
            steps:
              - { id: greet, uses: log, with: { message: hi } }
            """, new JsonObject { ["rounds"] = "many", ["rouns"] = 2 }));

        Assert.Contains("input 'rounds' must be int, but is string", error.Message, StringComparison.Ordinal);
        Assert.Contains("has no input 'rouns' (did you mean 'rounds'?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_pins_its_definition_and_inputs()
    {
        var definition = _harness.Load("""
            id: pinned
            version: 7
            steps:
              - { id: greet, uses: log, with: { message: hi } }
            """);

        var run = await _harness.Engine.StartAsync(definition, null, new JsonObject(), new RunStartOptions { RunId = "run-1", Seed = 9 });

        Assert.Equal("run-1", run.Id);
        Assert.Equal("pinned", run.WorkflowId);
        Assert.Equal(7, run.WorkflowVersion);
        Assert.Equal(definition.ContentHash, run.DefinitionHash);
        Assert.True(JsonNode.DeepEquals(definition.Document, run.Definitions["pinned@7"]));
        Assert.Equal(9, run.Seed);
    }

    [Fact]
    public async Task Times_come_from_the_engines_time_provider()
    {
        var start = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var harness = new EngineHarness(new FakeTimeProvider(start));

        var run = await harness.RunAsync("""
            id: clock
            steps:
              - { id: greet, uses: log, with: { message: hi } }
            """);

        Assert.Equal(start, run.CreatedAt);
        Assert.StartsWith("20300102-030405-", run.Id, StringComparison.Ordinal);
        var step = await harness.StepAsync(run.Id, "greet");
        Assert.Equal(start, step.FirstStartedAt);
        Assert.Equal(start, step.EndedAt);
    }
}
