using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

public sealed class ConditionTests
{
    private const string Definition = """
        id: conditional
        inputs:
          enabled: { type: bool, default: false }
        steps:
          - { id: maybe, if: "${inputs.enabled}", uses: test/count, with: { label: maybe } }
          - { id: after, uses: log, with: { message: "maybe gave ${steps.maybe.output}" } }
        """;

    private readonly EngineHarness _harness = new();

    [Fact]
    public async Task A_false_condition_skips_the_step_and_journals_it_as_skipped()
    {
        var run = await _harness.RunAsync(Definition);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(0, _harness.Counting.ExecutionsOf("maybe"));
        var skipped = await _harness.StepAsync(run.Id, "maybe");
        Assert.Equal(StepStatus.Skipped, skipped.Status);
        Assert.Null(skipped.Output);
        Assert.Equal("maybe gave ", (await _harness.StepAsync(run.Id, "after")).Output!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_true_condition_runs_the_step()
    {
        var run = await _harness.RunAsync(Definition, new JsonObject { ["enabled"] = true });

        Assert.Equal(1, _harness.Counting.ExecutionsOf("maybe"));
        Assert.Equal(StepStatus.Succeeded, (await _harness.StepAsync(run.Id, "maybe")).Status);
    }

    [Fact]
    public async Task A_numeric_condition_follows_truthiness()
    {
        var run = await _harness.RunAsync("""
            id: numeric-condition
            state: { count: 0 }
            steps:
              - { id: zero, if: "${state.count}", uses: test/count, with: { label: zero } }
              - { id: bump, uses: set, with: { count: 2 } }
              - { id: two, if: "${state.count}", uses: test/count, with: { label: two } }
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(0, _harness.Counting.ExecutionsOf("zero"));
        Assert.Equal(1, _harness.Counting.ExecutionsOf("two"));
    }
}
