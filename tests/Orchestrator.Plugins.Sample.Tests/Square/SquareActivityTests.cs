using System.Text.Json.Nodes;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Plugins.Sample.Square;

namespace Orchestrator.Plugins.Sample.Tests.Square;

public sealed class SquareActivityTests
{
    [Theory]
    [InlineData(3, 9)]
    [InlineData(-1.5, 2.25)]
    public async Task Squares_its_input(double value, double expected)
    {
        var outcome = await new ActivityHarness(new SquareActivity()).RunAsync(new JsonObject { ["value"] = value });

        Assert.True(outcome.Succeeded);
        Assert.Equal(expected, outcome.Output!["square"]!.GetValue<double>());
    }

    [Fact]
    public void A_missing_or_mistyped_value_is_reported_before_a_run()
    {
        var harness = new ActivityHarness(new SquareActivity());

        Assert.Contains(harness.Check(new JsonObject()), p => p.Input == "value" && p.Message.Contains("needs the input 'value'"));
        Assert.Contains(harness.Check(new JsonObject { ["value"] = "three" }), p => p.Input == "value" && p.Message.Contains("must be a number"));
        Assert.Contains(harness.Check(new JsonObject { ["valeu"] = 3 }), p => p.Hint == "did you mean 'value'?");
    }
}
