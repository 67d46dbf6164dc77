using System.Text.Json.Nodes;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Plugins.Sample.Flaky;

namespace Orchestrator.Plugins.Sample.Tests.Flaky;

public sealed class FlakyActivityTests
{
    [Fact]
    public async Task Fails_transiently_until_the_attempt_after_failTimes()
    {
        var harness = new ActivityHarness(new FlakyActivity());
        var inputs = new JsonObject { ["failTimes"] = 2 };

        var first = await harness.RunAsync(inputs, attempt: 1);
        var second = await harness.RunAsync(inputs, attempt: 2);
        var third = await harness.RunAsync(inputs, attempt: 3);

        Assert.True(first.Error is { Transient: true, Type: "sample-transient" });
        Assert.False(second.Succeeded);
        Assert.True(third.Succeeded);
        Assert.Equal(3, third.Output!["attempt"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_negative_failTimes_is_an_invalid_input()
    {
        var outcome = await new ActivityHarness(new FlakyActivity()).RunAsync(new JsonObject { ["failTimes"] = -1 });

        Assert.Equal("invalid-input", outcome.Error!.Type);
        Assert.Contains("failTimes", outcome.Error.Message);
    }
}
