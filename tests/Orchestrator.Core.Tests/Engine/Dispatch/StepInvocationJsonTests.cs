using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine.Dispatch;

namespace Orchestrator.Core.Tests.Engine.Dispatch;

/// <summary>The wire form of a dispatched attempt and its outcome: everything survives a round trip through JSON text.</summary>
public sealed class StepInvocationJsonTests
{
    [Fact]
    public void An_invocation_round_trips_through_text_with_every_field()
    {
        var invocation = new StepInvocation("run-1", "rounds/2/train", "train", "learning/post-train", new JsonObject { ["steps"] = 400 }, 3,
            DateTimeOffset.Parse("2026-12-02T10:00:00.1234567Z"), 9_000_000_001, new JsonObject { ["champion"] = "addition@4" }) { Queue = "train", Try = 1 };

        var read = StepInvocationJson.Read((JsonObject)JsonNode.Parse(StepInvocationJson.Write(invocation).ToJsonString())!);

        Assert.Equal(invocation.RunId, read.RunId);
        Assert.Equal(invocation.StepKey, read.StepKey);
        Assert.Equal(invocation.ActivityType, read.ActivityType);
        Assert.Equal(3, read.Attempt);
        Assert.Equal(invocation.FirstStartedAt, read.FirstStartedAt);
        Assert.Equal(9_000_000_001, read.Seed);
        Assert.Equal("train", read.Queue);
        // Attempt 3 of the store, started again after crashes, is still the first try: it draws what try 1 drew.
        Assert.Equal(1, read.Try);
        Assert.Equal(1, read.RandomTry);
        Assert.True(JsonNode.DeepEquals(invocation.Inputs, read.Inputs));
        Assert.True(JsonNode.DeepEquals(invocation.State, read.State));
    }

    [Fact]
    public void A_record_written_before_tries_were_recorded_draws_by_its_attempt()
    {
        var json = StepInvocationJson.Write(new StepInvocation("r", "k", "k", "log", new JsonObject(), 2, DateTimeOffset.UtcNow, 1, new JsonObject()));
        json.Remove("try");

        var read = StepInvocationJson.Read(json);

        Assert.Null(read.Try);
        Assert.Equal(2, read.RandomTry);
    }

    [Fact]
    public void Outcomes_round_trip_as_success_or_failure()
    {
        var success = StepInvocationJson.ReadOutcome(StepInvocationJson.Write(ActivityOutcome.Success(new JsonObject { ["loss"] = 0.25 }, new JsonObject { ["n"] = 1 })));
        Assert.True(success.Succeeded);
        Assert.Equal(0.25, success.Output!["loss"]!.GetValue<double>());
        Assert.Equal(1, success.StateChanges!["n"]!.GetValue<int>());

        var failure = StepInvocationJson.ReadOutcome(StepInvocationJson.Write(ActivityOutcome.Failure("timeout", "too slow", transient: true)));
        Assert.Equal(("timeout", "too slow", true), (failure.Error!.Type, failure.Error.Message, failure.Error.Transient));
    }

    [Fact]
    public void A_damaged_record_names_the_missing_field()
    {
        var json = StepInvocationJson.Write(new StepInvocation("r", "k", "k", "log", new JsonObject(), 1, DateTimeOffset.UtcNow, 1, new JsonObject()));
        json.Remove("stepKey");
        var error = Assert.Throws<InvalidDataException>(() => StepInvocationJson.Read(json));
        Assert.Contains("'stepKey'", error.Message, StringComparison.Ordinal);
    }
}
