using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Core.Activities.BuiltIn.Assert;
using Orchestrator.Core.Activities.BuiltIn.Fail;
using Orchestrator.Core.Activities.BuiltIn.Log;
using Orchestrator.Core.Activities.BuiltIn.Set;
using Orchestrator.Core.Activities.BuiltIn.Wait;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Activities;

public sealed class BuiltInActivitiesTests
{
    [Fact]
    public async Task Log_writes_its_message_with_the_level_and_outputs_it()
    {
        var harness = new ActivityHarness(new LogActivity());

        var info = await harness.RunAsync(new JsonObject { ["message"] = "hello" });
        var warn = await harness.RunAsync(new JsonObject { ["message"] = "careful", ["level"] = "warn" });

        Assert.Equal(["hello", "warn: careful"], harness.Logs);
        JsonAssert.Equal("""{ "message": "hello" }""", info.Output);
        Assert.True(warn.Succeeded);
    }

    [Fact]
    public async Task Set_outputs_its_values_and_returns_them_as_state_changes()
    {
        var outcome = await new ActivityHarness(new SetActivity()).RunAsync(new JsonObject { ["a"] = 1, ["b"] = new JsonArray("x") });

        JsonAssert.Equal("""{ "a": 1, "b": ["x"] }""", outcome.Output);
        JsonAssert.Equal("""{ "a": 1, "b": ["x"] }""", outcome.StateChanges);
    }

    [Fact]
    public async Task Fail_fails_with_its_type_and_message()
    {
        var outcome = await new ActivityHarness(new FailActivity()).RunAsync(new JsonObject { ["message"] = "out of budget", ["type"] = "budget-exceeded" });

        Assert.Equal(new Orchestrator.Core.Activities.ActivityError("budget-exceeded", "out of budget"), outcome.Error);
    }

    [Fact]
    public void Fail_type_must_be_lower_case_words()
    {
        var problem = Assert.Single(new ActivityHarness(new FailActivity()).Check(new JsonObject { ["message"] = "x", ["type"] = "Budget Exceeded" }));

        Assert.Equal("type", problem.Input);
        Assert.Contains("lower-case words joined by '-'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assert_passes_when_true_and_fails_with_its_message_when_false()
    {
        var harness = new ActivityHarness(new AssertActivity());

        var passed = await harness.RunAsync(new JsonObject { ["that"] = true });
        var failed = await harness.RunAsync(new JsonObject { ["that"] = false, ["message"] = "not yet" });

        JsonAssert.Equal("""{ "passed": true }""", passed.Output);
        Assert.Equal(new Orchestrator.Core.Activities.ActivityError("assertion-failed", "not yet"), failed.Error);
    }

    [Fact]
    public async Task Wait_ends_when_the_clock_passes_the_deadline()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var start = clock.GetUtcNow();
        var waiting = new ActivityHarness(new WaitActivity()) { Time = clock }.RunAsync(new JsonObject { ["duration"] = "1h" }).AsTask();

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));
        var outcome = await waiting;

        Assert.True(outcome.Succeeded);
        Assert.Equal(start + TimeSpan.FromHours(1), DateTimeOffset.Parse(outcome.Output!["until"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Wait_counts_from_when_the_step_first_started_so_a_resumed_wait_does_not_start_over()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var firstStarted = clock.GetUtcNow() - TimeSpan.FromMinutes(10);

        var outcome = await new ActivityHarness(new WaitActivity()) { Time = clock }
            .RunAsync(new JsonObject { ["duration"] = "5m" }, attempt: 2, firstStartedAt: firstStarted);

        Assert.True(outcome.Succeeded);
        Assert.Equal(firstStarted + TimeSpan.FromMinutes(5), DateTimeOffset.Parse(outcome.Output!["until"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Wait_honours_cancellation()
    {
        var clock = new FakeTimeProvider();
        using var cancellation = new CancellationTokenSource();
        var waiting = new ActivityHarness(new WaitActivity()) { Time = clock }.RunAsync(new JsonObject { ["duration"] = "1h" }, cancellationToken: cancellation.Token).AsTask();

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void Wait_rejects_a_duration_that_is_not_one()
    {
        var problem = Assert.Single(new ActivityHarness(new WaitActivity()).Check(new JsonObject { ["duration"] = "a while" }));

        Assert.Contains("'a while' is not a duration", problem.Message, StringComparison.Ordinal);
    }
}
