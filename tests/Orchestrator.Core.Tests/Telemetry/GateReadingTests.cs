using System.Text.Json.Nodes;
using Orchestrator.Core.Telemetry;

namespace Orchestrator.Core.Tests.Telemetry;

public sealed class GateReadingTests
{
    [Fact]
    public void The_protected_gates_output_gives_its_outcome_frontier_and_the_champions_name()
    {
        var reading = GateReading.From(JsonNode.Parse("""
            { "passed": false, "outcome": "regressed", "pValue": 0.001, "frontier": 14, "candidate": "addition@7", "champion": "addition@5", "reason": "..." }
            """));

        Assert.Equal(new GateReading(false, "regressed", 0.001, 14, "addition"), reading);
    }

    [Fact]
    public void A_meta_gate_output_without_an_outcome_or_frontier_passes_or_is_refused()
    {
        Assert.Equal(new GateReading(true, "passed", 0.03, null, null), GateReading.From(JsonNode.Parse("""{ "passed": true, "pValue": 0.03, "meanGain": 0.4 }""")));
        Assert.Equal("refused", GateReading.From(JsonNode.Parse("""{ "passed": false, "pValue": 0.3 }"""))!.Outcome);
    }

    [Theory]
    [InlineData("""{ "passed": true }""")]
    [InlineData("""{ "passed": "yes", "pValue": 0.01 }""")]
    [InlineData("""{ "pValue": 0.01 }""")]
    [InlineData("""[true, 0.01]""")]
    [InlineData("""7""")]
    public void Other_outputs_are_no_gate_decision(string output) => Assert.Null(GateReading.From(JsonNode.Parse(output)));
}
