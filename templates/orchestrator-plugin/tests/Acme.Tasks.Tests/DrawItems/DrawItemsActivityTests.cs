using System.Text.Json.Nodes;
using Acme.Tasks.DrawItems;
using Acme.Tasks.SortDigits;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Tasks;

namespace Acme.Tasks.Tests.DrawItems;

public sealed class DrawItemsActivityTests
{
    [Fact]
    public async Task Draws_the_requested_number_of_items_that_the_checker_accepts()
    {
        var outcome = await new ActivityHarness(new DrawItemsActivity()).RunAsync(new JsonObject { ["length"] = 5, ["count"] = 6 });

        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        Assert.Equal(SortDigitsTask.TaskName, outcome.Output!["task"]!.GetValue<string>());
        var items = outcome.Output["items"]!.AsArray();
        Assert.Equal(6, items.Count);
        var task = new SortDigitsTask();
        foreach (var item in items)
        {
            var prompt = item!["prompt"]!.GetValue<string>();
            var answer = item["answer"]!.GetValue<string>();
            Assert.Equal(6, prompt.Length);
            Assert.True(task.Check(new TaskItem(task.Name, prompt, answer, 5), answer).Correct);
        }
    }

    [Fact]
    public async Task The_same_seed_and_step_draw_the_same_items_and_another_seed_draws_others()
    {
        var inputs = new JsonObject { ["length"] = 8, ["count"] = 4 };

        var first = await new ActivityHarness(new DrawItemsActivity()) { Seed = 7 }.RunAsync(inputs);
        var replay = await new ActivityHarness(new DrawItemsActivity()) { Seed = 7 }.RunAsync(inputs);
        var other = await new ActivityHarness(new DrawItemsActivity()) { Seed = 8 }.RunAsync(inputs);

        Assert.Equal(first.Output!.ToJsonString(), replay.Output!.ToJsonString());
        Assert.NotEqual(first.Output.ToJsonString(), other.Output!.ToJsonString());
    }

    [Fact]
    public void A_missing_length_and_a_count_out_of_range_are_reported_before_a_run()
    {
        var harness = new ActivityHarness(new DrawItemsActivity());

        Assert.Contains(harness.Check(new JsonObject { ["count"] = 3 }), p => p.Input == "length" && p.Message.Contains("needs the input 'length'"));
        Assert.Contains(harness.Check(new JsonObject { ["length"] = 3, ["count"] = 0 }), p => p.Input == "count" && p.Message.Contains("from 1 to"));
        Assert.Contains(harness.Check(new JsonObject { ["length"] = 3, ["cuont"] = 2 }), p => p.Hint == "did you mean 'count'?");
    }

    [Fact]
    public async Task An_invalid_count_resolved_at_run_time_is_an_invalid_input_outcome_not_an_exception()
    {
        var outcome = await new ActivityHarness(new DrawItemsActivity()).RunAsync(new JsonObject { ["length"] = 3, ["count"] = -2 });

        Assert.Equal("invalid-input", outcome.Error!.Type);
        Assert.Contains("count", outcome.Error.Message);
    }
}
