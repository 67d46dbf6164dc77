using System.Text.Json.Nodes;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Learning.Activities.Gate;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Activities;

public sealed class GateActivityTests : IDisposable
{
    private readonly LoopStore _store = new();

    private static JsonObject Compare(string candidate, string champion) => new()
    {
        ["candidate"] = candidate, ["champion"] = champion, ["task"] = "arithmetic/addition", ["targets"] = new JsonArray(1, 2), ["items"] = 64, ["scanBeyond"] = 0,
    };

    [Fact]
    public async Task The_champion_compared_with_itself_never_passes_and_spends_no_alpha()
    {
        await LoopSteps.PretrainAsync(_store, "adder", steps: 200, maxLength: 2);

        var gate = await LoopStore.RunAsync(new GateActivity(_store.Learning), Compare("adder@1", "adder@1"));

        Assert.False(gate["passed"]!.GetValue<bool>());
        Assert.Equal(1.0, gate["pValue"]!.GetValue<double>());
        Assert.Equal(0, gate["candidateOnlyRight"]!.GetValue<int>() + gate["championOnlyRight"]!.GetValue<int>());
        Assert.Equal(0.0, gate["alphaSpent"]!.GetValue<double>());
        Assert.Equal("measurement", gate["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_candidate_trained_on_clearly_more_data_passes_with_a_confirming_recheck()
    {
        await LoopSteps.PretrainAsync(_store, "weak", steps: 10, maxLength: 2);
        await LoopSteps.PretrainAsync(_store, "strong", steps: 600, maxLength: 2);
        var harness = new ActivityHarness(new GateActivity(_store.Learning)) { State = new JsonObject { [GateActivity.AlphaSpentKey] = 0.05 } };

        var outcome = await harness.RunAsync(Compare("strong@1", "weak@1"));

        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        var gate = outcome.Output!.AsObject();
        Assert.True(gate["passed"]!.GetValue<bool>(), gate["reason"]!.GetValue<string>());
        Assert.Equal("passed", gate["outcome"]!.GetValue<string>());
        Assert.True(gate["pValue"]!.GetValue<double>() <= 0.01);
        Assert.True(gate["recheckPValue"]!.GetValue<double>() <= 0.01);
        Assert.True(gate["candidateByLength"]!["001"]!.GetValue<double>() > gate["championByLength"]!["001"]!.GetValue<double>() + 0.5, gate.ToJsonString());
        Assert.Equal(0.06, outcome.StateChanges![GateActivity.AlphaSpentKey]!.GetValue<double>(), 9);
    }

    [Fact]
    public async Task A_better_candidate_is_refused_once_the_runs_alpha_budget_is_spent()
    {
        await LoopSteps.PretrainAsync(_store, "weak", steps: 10, maxLength: 2);
        await LoopSteps.PretrainAsync(_store, "strong", steps: 600, maxLength: 2);
        var inputs = Compare("strong@1", "weak@1");
        inputs["alphaBudget"] = 0.2;
        var harness = new ActivityHarness(new GateActivity(_store.Learning)) { State = new JsonObject { [GateActivity.AlphaSpentKey] = 0.2 } };

        var gate = (await harness.RunAsync(inputs)).Output!.AsObject();

        Assert.False(gate["passed"]!.GetValue<bool>());
        Assert.Contains("alpha budget exhausted", gate["reason"]!.GetValue<string>());
        Assert.Equal("budget-spent", gate["outcome"]!.GetValue<string>());
        Assert.True(gate["pValue"]!.GetValue<double>() <= 0.01);
    }

    [Fact]
    public async Task Given_the_champions_frontier_the_champion_is_scored_on_the_targets_only()
    {
        var gate = await GateOnLength2Async("strong@1", "weak@1", championFrontier: 0);

        Assert.Equal(["002"], gate["championByLength"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["001", "002"], gate["candidateByLength"]!.AsObject().Select(p => p.Key));
        Assert.Equal(0, gate["championFrontier"]!.GetValue<int>());
        Assert.True(gate["candidateOnlyRight"]!.GetValue<int>() > gate["championOnlyRight"]!.GetValue<int>(), gate.ToJsonString());
        Assert.Empty(gate["regressions"]!.AsArray());
    }

    [Fact]
    public async Task A_candidate_below_the_given_champion_frontier_is_refused_for_regression()
    {
        var gate = await GateOnLength2Async("weak@1", "strong@1", championFrontier: 2);

        Assert.False(gate["passed"]!.GetValue<bool>());
        Assert.Equal("regressed", gate["outcome"]!.GetValue<string>());
        Assert.Equal([1, 2], gate["regressions"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(["002"], gate["championByLength"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task A_sequential_gate_reaches_the_same_decision_on_fewer_answers_and_settles_mastered_lengths_early()
    {
        await LoopSteps.PretrainAsync(_store, "weak", steps: 10, maxLength: 2);
        await LoopSteps.PretrainAsync(_store, "strong", steps: 600, maxLength: 2);
        JsonObject Inputs(int looks)
        {
            var inputs = Compare("strong@1", "weak@1");
            inputs["items"] = 256;
            inputs["looks"] = looks;
            return inputs;
        }

        var single = await LoopStore.RunAsync(new GateActivity(_store.Learning), Inputs(1));
        var sequential = await LoopStore.RunAsync(new GateActivity(_store.Learning), Inputs(3));

        Assert.True(single["passed"]!.GetValue<bool>(), single["reason"]!.GetValue<string>());
        Assert.True(sequential["passed"]!.GetValue<bool>(), sequential["reason"]!.GetValue<string>());
        Assert.Equal(single["frontier"]!.GetValue<int>(), sequential["frontier"]!.GetValue<int>());
        Assert.All(single["candidateItemsByLength"]!.AsObject(), p => Assert.Equal(256, p.Value!.GetValue<int>()));
        Assert.Contains(sequential["candidateItemsByLength"]!.AsObject(), p => p.Value!.GetValue<int>() < 256);
        Assert.True(sequential["answers"]!.GetValue<int>() < single["answers"]!.GetValue<int>(), $"{sequential["answers"]} vs {single["answers"]}");
        Assert.Contains("look", sequential["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sequential_gate_stops_a_clear_regression_early_and_still_refuses_it()
    {
        await LoopSteps.PretrainAsync(_store, "weak", steps: 10, maxLength: 2);
        await LoopSteps.PretrainAsync(_store, "strong", steps: 600, maxLength: 2);
        var inputs = Compare("weak@1", "strong@1");
        inputs["targets"] = new JsonArray(2);
        inputs["championFrontier"] = 2;
        inputs["items"] = 256;
        inputs["looks"] = 3;

        var gate = await LoopStore.RunAsync(new GateActivity(_store.Learning), inputs);

        Assert.Equal("regressed", gate["outcome"]!.GetValue<string>());
        Assert.Equal(64, gate["candidateItemsByLength"]!["001"]!.GetValue<int>());
    }

    /// <summary>A weak and a strong model of lengths 1-2, compared on target length 2 with the champion's frontier given.</summary>
    private async Task<JsonObject> GateOnLength2Async(string candidate, string champion, int championFrontier)
    {
        await LoopSteps.PretrainAsync(_store, "weak", steps: 10, maxLength: 2);
        await LoopSteps.PretrainAsync(_store, "strong", steps: 600, maxLength: 2);
        var inputs = Compare(candidate, champion);
        inputs["targets"] = new JsonArray(2);
        inputs["championFrontier"] = championFrontier;
        return await LoopStore.RunAsync(new GateActivity(_store.Learning), inputs);
    }

    public void Dispose() => _store.Dispose();
}
