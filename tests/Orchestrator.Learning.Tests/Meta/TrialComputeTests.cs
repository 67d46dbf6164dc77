using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Meta;
using Orchestrator.Core.Meta.Gate;
using Orchestrator.Core.Meta.Trial;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Core.Versioning;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Meta;

/// <summary>
/// meta/trial's unit: frontier per TFLOP of the rounds' total compute when the runs report it, per 1,000 post-training
/// steps when they do not, with the steps rate kept beside the compute one; and the meta-gate compares two trials in
/// the unit they share.
/// </summary>
public sealed class TrialComputeTests : IDisposable
{
    // Round 0 spent 1,000 steps and 1,000 GFLOP; the rounds 400 more steps and 4,000 GFLOP for 2 more lengths.
    private const string WithCompute = """
        id: toy-compute
        inputs:
          model: { type: string, default: toy }
        steps:
          - { id: noop, uses: set, with: { done: true } }
        output: "${ { champion: inputs.model + '@1', frontier: 10, baseFrontier: 8, trainingSteps: 1400, baseTrainingSteps: 1000, compute: 5000, baseCompute: 1000, cpuSeconds: 12.5 } }"
        """;

    private static readonly string WithoutCompute = WithCompute.Replace("toy-compute", "toy-steps").Replace(", compute: 5000, baseCompute: 1000, cpuSeconds: 12.5", "");

    private readonly LoopStore _store = new();
    private readonly MetaServices _meta;

    public TrialComputeTests() =>
        _meta = new MetaServices(_store.Loop, new ActivityRegistry().AddBuiltInActivities(), EditorRegistry.BuiltIn()).Attach(_store.Stores.Runs, _store.Stores.Definitions);

    private async Task PublishAsync(string text)
    {
        var document = new DefinitionLoader(_meta.Activities).LoadText("toy.yaml", text).Definition!.Document;
        await _store.Stores.Definitions.PublishAsync(new PublishRequest(document["id"]!.GetValue<string>(), document, DefinitionHash.Of(document), "user:test", "target"), default);
    }

    private async Task<JsonObject> TrialAsync(string target)
    {
        var outcome = await new ActivityHarness(new TrialActivity(_meta)) { RunId = "outer", StepKey = $"trial-{target}" }
            .RunAsync(new JsonObject { ["target"] = target, ["seeds"] = new JsonArray(7, 8) });
        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        return outcome.Output!.AsObject();
    }

    [Fact]
    public async Task A_run_that_reports_its_compute_is_measured_per_TFLOP_with_the_steps_rate_beside_it()
    {
        await PublishAsync(WithCompute);

        var trial = await TrialAsync("toy-compute");

        Assert.Equal(TrialRates.ComputeUnit, trial["unit"]!.GetValue<string>());
        Assert.Equal(0.5, trial["meanRate"]!.GetValue<double>(), 9); // 2 lengths per 4 TFLOP
        Assert.All(trial["results"]!.AsArray(), r =>
        {
            Assert.Equal(0.5, r!["rate"]!.GetValue<double>(), 9);
            Assert.Equal(5.0, r["stepsRate"]!.GetValue<double>(), 9); // 2 lengths per 400 steps
            Assert.Equal(TrialRates.ComputeUnit, r["unit"]!.GetValue<string>());
            Assert.Equal((5000.0, 1000.0, 12.5), (r["compute"]!.GetValue<double>(), r["baseCompute"]!.GetValue<double>(), r["cpuSeconds"]!.GetValue<double>()));
        });
    }

    [Fact]
    public async Task A_run_without_compute_is_measured_per_1000_steps()
    {
        await PublishAsync(WithoutCompute);

        var trial = await TrialAsync("toy-steps");

        Assert.Equal(TrialRates.StepsUnit, trial["unit"]!.GetValue<string>());
        Assert.Equal(5.0, trial["meanRate"]!.GetValue<double>(), 9);
        Assert.All(trial["results"]!.AsArray(), r =>
        {
            Assert.Equal(5.0, r!["rate"]!.GetValue<double>(), 9);
            Assert.Equal(TrialRates.StepsUnit, r["unit"]!.GetValue<string>());
            Assert.Null(r["compute"]);
        });
    }

    [Fact]
    public async Task The_meta_gate_compares_trials_in_compute_when_both_have_it_and_in_steps_otherwise()
    {
        await PublishAsync(WithCompute);
        await PublishAsync(WithoutCompute);
        var (compute, steps) = (await TrialAsync("toy-compute"), await TrialAsync("toy-steps"));

        var same = await new ActivityHarness(new MetaGateActivity()).RunAsync(new JsonObject { ["baseline"] = compute.DeepClone(), ["candidate"] = compute.DeepClone() });
        var mixed = await new ActivityHarness(new MetaGateActivity()).RunAsync(new JsonObject { ["baseline"] = steps.DeepClone(), ["candidate"] = compute.DeepClone() });

        Assert.Equal(TrialRates.ComputeUnit, same.Output!["unit"]!.GetValue<string>());
        Assert.Contains("frontier per TFLOP", same.Output["reason"]!.GetValue<string>());
        // Mixed, both are read per 1,000 steps: the same procedure, so no gain, rather than 0.5 - 5.
        Assert.Equal(TrialRates.StepsUnit, mixed.Output!["unit"]!.GetValue<string>());
        Assert.Equal(0.0, mixed.Output["meanGain"]!.GetValue<double>(), 9);
    }

    public void Dispose() => _store.Dispose();
}
