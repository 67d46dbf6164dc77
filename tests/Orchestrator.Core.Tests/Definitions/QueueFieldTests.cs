using Orchestrator.Core.Definitions;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Definitions;

/// <summary><c>queue:</c> names the worker queue of an activity step, or of a parallel step's branches; anything else is refused by path.</summary>
public sealed class QueueFieldTests
{
    [Fact]
    public void Activity_and_parallel_steps_take_a_queue()
    {
        var definition = TestDefinitions.Valid("""
            id: queued
            steps:
              - { id: train, uses: log, queue: train, with: { message: hi } }
              - id: fan
                parallel: { over: [1, 2] }
                queue: cpu-2
                do:
                  - { id: say, uses: log, with: { message: "${item}" } }
            """);

        Assert.Equal("train", definition.Steps[0].Queue);
        Assert.Equal("cpu-2", definition.Steps[1].Queue);
        Assert.Null(((ParallelStep)definition.Steps[1]).Do[0].Queue);
    }

    [Theory]
    [InlineData("Train")]
    [InlineData("gpu box")]
    [InlineData("12345678901234567890123456789012345678901234567890x")]
    public void A_queue_name_hangfire_would_refuse_is_an_issue_at_its_path(string name)
    {
        var issue = TestDefinitions.Issues($$"""
            id: queued
            steps:
              - { id: train, uses: log, queue: "{{name}}", with: { message: hi } }
            """).At("/steps/0/queue");

        Assert.Contains("is not a queue name", issue.Message, StringComparison.Ordinal);
        Assert.Equal(QueueNames.Hint, issue.Hint);
    }

    [Fact]
    public void A_queue_on_a_loop_is_refused_with_where_it_belongs()
    {
        var issue = TestDefinitions.Issues("""
            id: queued
            steps:
              - id: rounds
                loop: { times: 2 }
                queue: train
                do:
                  - { id: say, uses: log, with: { message: hi } }
            """).At("/steps/0/queue");

        Assert.Contains("queue applies to activity and parallel steps, not to a loop step", issue.Message, StringComparison.Ordinal);
    }
}
