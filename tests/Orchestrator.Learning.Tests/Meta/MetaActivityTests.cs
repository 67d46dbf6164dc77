using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Meta;
using Orchestrator.Core.Meta.Gate;
using Orchestrator.Core.Meta.Propose;
using Orchestrator.Core.Meta.Trial;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Meta;

/// <summary>The outer loop's activities on a real store: what they refuse, and the meta-gate's arithmetic and budget.</summary>
public sealed class MetaActivityTests : IDisposable
{
    private readonly LoopStore _store = new();
    private readonly MetaServices _meta;

    public MetaActivityTests()
    {
        var activities = new ActivityRegistry().AddBuiltInActivities();
        _meta = new MetaServices(_store.Loop, activities, EditorRegistry.BuiltIn()).Attach(_store.Stores.Runs, _store.Stores.Definitions);
    }

    [Fact]
    public async Task Trials_and_proposals_against_a_workflow_that_was_never_published_fail_clearly()
    {
        var trial = await new ActivityHarness(new TrialActivity(_meta)).RunAsync(new JsonObject { ["target"] = "nowhere", ["version"] = 0, ["seeds"] = new JsonArray(1) });
        var propose = await new ActivityHarness(new MetaProposeActivity(_meta)).RunAsync(new JsonObject { ["target"] = "nowhere" });

        Assert.Equal("unknown-target", trial.Error?.Type);
        Assert.Contains("'nowhere' has no published version in the store; publish it first", trial.Error!.Message);
        Assert.Equal("unknown-target", propose.Error?.Type);
    }

    [Fact]
    public async Task An_unknown_editor_is_refused_before_anything_runs()
    {
        var outcome = await new ActivityHarness(new MetaProposeActivity(_meta)).RunAsync(new JsonObject { ["target"] = "x", ["editor"] = "oracle" });

        Assert.False(outcome.Succeeded);
        Assert.Contains("no editor 'oracle'; the editors are bandit", outcome.Error!.Message);
    }

    private static JsonObject Trial(params double[] rates) => new()
    {
        ["version"] = 1,
        ["meanRate"] = rates.Average(),
        ["results"] = new JsonArray(rates.Select((r, i) => (JsonNode)new JsonObject { ["seed"] = 200 + i, ["rate"] = r }).ToArray()),
    };

    [Fact]
    public async Task The_meta_gate_passes_a_consistent_gain_spends_alpha_and_stops_when_the_budget_is_gone()
    {
        var gate = new MetaGateActivity();
        var inputs = new JsonObject { ["baseline"] = Trial(1, 1.2, 0.9, 1.1, 1), ["candidate"] = Trial(1.5, 1.6, 1.3, 1.4, 1.6), ["alpha"] = 0.05, ["alphaBudget"] = 0.08 };

        var first = await new ActivityHarness(gate).RunAsync(inputs);
        var second = await new ActivityHarness(gate) { State = new JsonObject { [MetaGateActivity.AlphaSpentKey] = 0.05 } }.RunAsync(inputs);

        Assert.True(first.Succeeded, first.Error?.ToString());
        Assert.True(first.Output!["passed"]!.GetValue<bool>());
        Assert.Equal(1.0 / 32, first.Output["pValue"]!.GetValue<double>(), 6);
        Assert.Equal(0.44, first.Output["meanGain"]!.GetValue<double>(), 6);
        Assert.Equal(0.05, first.StateChanges![MetaGateActivity.AlphaSpentKey]!.GetValue<double>(), 9);
        Assert.False(second.Output!["passed"]!.GetValue<bool>());
        Assert.Contains("alpha budget spent", second.Output["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_meta_gate_refuses_a_gain_below_the_minimum_effect_and_unpaired_seeds()
    {
        var small = await new ActivityHarness(new MetaGateActivity()).RunAsync(new JsonObject
        {
            ["baseline"] = Trial(1, 1, 1, 1, 1), ["candidate"] = Trial(1.05, 1.05, 1.05, 1.05, 1.05), ["minEffect"] = 0.1,
        });
        var unpaired = await new ActivityHarness(new MetaGateActivity()).RunAsync(new JsonObject { ["baseline"] = Trial(1, 1), ["candidate"] = Trial(1, 1, 1) });

        Assert.False(small.Output!["passed"]!.GetValue<bool>());
        Assert.Equal("unpaired-trials", unpaired.Error?.Type);
    }

    public void Dispose() => _store.Dispose();
}
