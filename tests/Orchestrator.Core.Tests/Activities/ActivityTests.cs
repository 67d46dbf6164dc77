using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn.Assert;
using Orchestrator.Core.Activities.BuiltIn.Log;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Tests.TestSupport.Activities;

namespace Orchestrator.Core.Tests.Activities;

/// <summary>The <see cref="Activity{TOptions,TOutput}"/> base: declared fields, pre-run checks and binding.</summary>
public sealed class ActivityTests
{
    [Fact]
    public void Options_properties_become_declared_inputs_with_defaults()
    {
        var inputs = new LogActivity().Descriptor.Inputs;

        var message = Assert.Single(inputs, i => i.Name == "message");
        Assert.True(message.Required);
        Assert.Equal(InputType.String, message.Type);
        var level = Assert.Single(inputs, i => i.Name == "level");
        Assert.False(level.Required);
        Assert.Equal("info", level.Default!.GetValue<string>());
    }

    [Fact]
    public void Output_properties_become_declared_outputs()
    {
        var outputs = new ProbeActivity().Descriptor.Outputs;

        var value = Assert.Single(outputs);
        Assert.Equal("value", value.Name);
        Assert.Equal(InputType.Number, value.Type);
    }

    [Fact]
    public void An_int_literal_is_accepted_for_a_number_input()
    {
        Assert.Empty(new ProbeActivity().CheckInputs(new JsonObject { ["value"] = 3 }, new HashSet<string>()));
    }

    [Fact]
    public void A_deferred_input_is_only_checked_for_presence()
    {
        var problems = new AssertActivity().CheckInputs(new JsonObject { ["that"] = "${state.ok}" }, new HashSet<string> { "that" });

        Assert.Empty(problems);
    }

    [Fact]
    public async Task An_input_of_the_wrong_type_at_run_time_is_an_invalid_input_failure()
    {
        var outcome = await new ActivityHarness(new AssertActivity()).RunAsync(new JsonObject { ["that"] = "yes" });

        Assert.False(outcome.Succeeded);
        Assert.Equal("invalid-input", outcome.Error?.Type);
        Assert.Contains("'that' must be a bool", outcome.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validator_failure_at_run_time_is_an_invalid_input_failure()
    {
        var outcome = await new ActivityHarness(new LogActivity()).RunAsync(new JsonObject { ["message"] = "hi", ["level"] = "loud" });

        Assert.Equal("invalid-input", outcome.Error?.Type);
        Assert.Contains("level: level must be info, warn or error", outcome.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_idempotency_key_is_the_run_and_step_key()
    {
        var context = new ActivityContext
        {
            RunId = "run-1",
            StepKey = "rounds/2/promote",
            StepId = "promote",
            Attempt = 3,
            FirstStartedAt = DateTimeOffset.UnixEpoch,
            Time = TimeProvider.System,
            Random = new Random(1),
            State = [],
        };

        Assert.Equal("run-1/rounds/2/promote", context.IdempotencyKey);
    }
}
