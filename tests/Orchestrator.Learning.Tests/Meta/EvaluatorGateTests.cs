using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Meta.EvaluatorGate;
using Orchestrator.Learning.Activities.Propose;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Meta;

/// <summary>
/// meta/evaluator-gate on real proposals of a tiny trained model: the current selflabel and its drafts judge the same
/// attempts, and the labels each keeps are audited against the checker before any draft may go to trial.
/// </summary>
public sealed class EvaluatorGateTests(EvaluatorGateTests.Proposals proposals) : IClassFixture<EvaluatorGateTests.Proposals>, IDisposable
{
    /// <summary>
    /// Proposals at 2 digits of a model trained 1,400 steps on 1-2 digits, with commuted variants and samples as the
    /// self-label workflow makes them. Measured here: the shipped threshold 0.98 keeps none; 0.7 keeps 126 labels at
    /// precision 0.99, 0.5 keeps 347 at 0.93 — its wrong answers are consistent across a+b and b+a, so only
    /// confidence tells them apart. Trained once for the class: it takes most of the time.
    /// </summary>
    public sealed class Proposals : IAsyncLifetime
    {
        public IReadOnlyList<AttemptRecord> Attempts { get; private set; } = [];

        public async Task InitializeAsync()
        {
            using var store = new LoopStore();
            await LoopSteps.PretrainAsync(store, "adder", steps: 1400, maxLength: 2);
            var proposed = await LoopStore.RunAsync(new ProposeActivity(store.Learning), new JsonObject
            {
                ["model"] = "adder@1", ["task"] = "arithmetic/addition", ["from"] = 2, ["span"] = 1, ["problems"] = 400,
                ["greedy"] = true, ["samples"] = 3, ["temperature"] = 0.5, ["variants"] = true,
            }, "proposals");
            Attempts = await JsonLinesArtifact.ReadAsync<AttemptRecord>(store.Stores.Artifacts, proposed["attempts"]!.GetValue<string>(), "test", default);
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    private readonly LoopStore _store = new();
    private EvaluatorDrafts? _drafts;

    /// <summary>
    /// selflabel@1 as shipped and selflabel@2, its current version, with the confidence threshold at 0.7 (as an operator
    /// might have set it); then drafts of version 2 from meta/propose, and the gate's output on the fixture's proposals.
    /// </summary>
    private Task<(JsonObject Gate, JsonArray Drafts)> GateAsync(params EditProposalFor[] edits) => GateAsync((0, 0.02), edits);

    private async Task<(JsonObject Gate, JsonArray Drafts)> GateAsync((double MinPrecision, double MaxDrop) limits, params EditProposalFor[] edits)
    {
        _drafts = new EvaluatorDrafts(_store);
        await _drafts.PublishShippedAsync();
        await _drafts.PublishCurrentAsync("/filters/2/with/min", 0.7);
        var proposed = await _drafts.ProposeAsync([.. edits.Select(e => EvaluatorDrafts.Replace(e.Path, e.Value, e.Why))]);
        Assert.True(proposed.Succeeded, proposed.Error?.ToString());
        var drafts = proposed.Output!["drafts"]!.AsArray();
        Assert.Equal(edits.Length, drafts.Count);
        return (await RunGateAsync(drafts, limits), drafts);
    }

    private async Task<JsonObject> RunGateAsync(JsonArray drafts, (double MinPrecision, double MaxDrop)? limits = null) =>
        await LoopStore.RunAsync(new EvaluatorGateActivity(_drafts!.Meta), new JsonObject
        {
            ["target"] = EvaluatorDrafts.Target, ["parent"] = 2, ["drafts"] = drafts.DeepClone(),
            ["attempts"] = await JsonLinesArtifact.WriteAsync(_store.Stores.Artifacts, proposals.Attempts, default), ["sample"] = 256,
            ["minPrecision"] = (limits ?? (0, 0.02)).MinPrecision, ["maxDrop"] = (limits ?? (0, 0.02)).MaxDrop,
        }, "generation/0/labels", runId: "outer");

    private sealed record EditProposalFor(string Path, double Value, string Why);

    [Fact]
    public async Task A_draft_that_keeps_more_labels_at_a_lower_audited_precision_is_refused_and_journalled_with_the_drop()
    {
        var (gate, _) = await GateAsync(new EditProposalFor("/filters/2/with/min", 0.5, "twice the labels per round"));

        Assert.Empty(gate["passed"]!.AsArray());
        var refused = Assert.Single(gate["refused"]!.AsArray())!;
        var (baseline, edited) = (gate["baseline"]!, refused["edited"]!);
        Assert.Equal(("selflabel@2", "selflabel@3"), (baseline["evaluator"]!.GetValue<string>(), edited["evaluator"]!.GetValue<string>()));
        Assert.True(edited["kept"]!.GetValue<int>() > baseline["kept"]!.GetValue<int>(), gate.ToJsonString());
        Assert.Equal(256, edited["audited"]!.GetValue<int>());
        Assert.Equal(Math.Min(256, baseline["kept"]!.GetValue<int>()), baseline["audited"]!.GetValue<int>());
        Assert.True(baseline["precision"]!.GetValue<double>() - edited["precision"]!.GetValue<double>() > 0.02, gate.ToJsonString());
        Assert.StartsWith("audited precision fell from", refused["reason"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(new JsonArray(new JsonObject { ["arm"] = "/filters/2/with/min=0.5", ["reward"] = 0 }), gate["outcomes"]), gate["outcomes"]!.ToJsonString());

        var journal = await _store.Stores.Definitions.GetEditsAsync(EvaluatorDrafts.Target, default);
        var refusal = journal.Last();
        Assert.Equal((false, 3, 2), (refusal.Accepted, refusal.DraftVersion, refusal.ParentVersion));
        Assert.Equal(journal[^2].Editor, refusal.Editor); // the editor that proposed it, so it learns why
        Assert.Equal(refused["reason"]!.GetValue<string>(), Assert.Single(refusal.Rejections).Reason);
        Assert.Equal(EvaluatorGateActivity.Stage, refusal.Details!["stage"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(edited, refusal.Details["edited"]), refusal.Details.ToJsonString());
        Assert.True(JsonNode.DeepEquals(baseline, refusal.Details["baseline"]), refusal.Details.ToJsonString());
    }

    [Fact]
    public async Task A_draft_whose_labels_are_not_less_precise_passes_with_both_audits()
    {
        var (gate, drafts) = await GateAsync(new EditProposalFor("/filters/2/with/min", 0.9, "only the surest labels"));

        Assert.Empty(gate["refused"]!.AsArray());
        Assert.Empty(gate["outcomes"]!.AsArray());
        var passed = Assert.Single(gate["passed"]!.AsArray())!;
        Assert.Equal(drafts[0]!["patch"]!.ToJsonString(), passed["patch"]!.ToJsonString());
        Assert.Equal((3, "selflabel@3"), (passed["version"]!.GetValue<int>(), passed["evaluator"]!.GetValue<string>()));
        var (baseline, edited) = (passed["baseline"]!, passed["edited"]!);
        Assert.True(JsonNode.DeepEquals(gate["baseline"], baseline));
        Assert.True(baseline["kept"]!.GetValue<int>() > 0 && edited["kept"]!.GetValue<int>() > 0, gate.ToJsonString());
        Assert.True(edited["precision"]!.GetValue<double>() >= baseline["precision"]!.GetValue<double>() - 0.02, gate.ToJsonString());
        Assert.All(new[] { baseline, edited }, audit => Assert.Equal(
            Math.Round(audit["correct"]!.GetValue<int>() / (double)audit["audited"]!.GetValue<int>(), 4), audit["precision"]!.GetValue<double>()));
        Assert.DoesNotContain(await _store.Stores.Definitions.GetEditsAsync(EvaluatorDrafts.Target, default), e => !e.Accepted);
    }

    [Fact]
    public async Task A_draft_that_keeps_no_labels_or_labels_below_the_floor_is_refused_though_its_precision_did_not_fall_too_far()
    {
        // A drop of up to 0.1 allowed: only the floor (0.99) and keeping nothing refuse here. The tiny model's labels
        // differ by processor (0.969 precision at 0.5 on one, below 0.95 on another), so the figures are read, not fixed.
        var (gate, _) = await GateAsync((0.99, 0.1),
            new EditProposalFor("/filters/2/with/min", 0.999, "only certain labels"),
            new EditProposalFor("/filters/2/with/min", 0.5, "more labels"));

        Assert.True(gate["passed"]!.AsArray().Count == 0, gate.ToJsonString());
        var refused = gate["refused"]!.AsArray().ToDictionary(r => r!["evaluator"]!.GetValue<string>(), r => r!);
        Assert.Equal(0, refused["selflabel@3"]["edited"]!["kept"]!.GetValue<int>());
        Assert.Equal($"it kept no labels where selflabel@2 kept {gate["baseline"]!["kept"]}; a round judged by it would train on nothing", refused["selflabel@3"]["reason"]!.GetValue<string>());
        var more = refused["selflabel@4"];
        Assert.InRange(gate["baseline"]!["precision"]!.GetValue<double>() - more["edited"]!["precision"]!.GetValue<double>(), 0.02, 0.1);
        Assert.InRange(more["edited"]!["precision"]!.GetValue<double>(), 0, 0.99);
        Assert.Matches(@"^audited precision 0\.\d{3} is below the floor 0\.990", more["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rerun_of_the_gate_step_judges_alike_and_journals_each_refusal_once()
    {
        var (first, drafts) = await GateAsync(new EditProposalFor("/filters/2/with/min", 0.5, "more labels"), new EditProposalFor("/filters/2/with/min", 0.9, "fewer"));

        var again = await RunGateAsync(drafts);

        Assert.True(JsonNode.DeepEquals(first, again), $"{first}\n{again}");
        Assert.Equal((1, 1), (first["passed"]!.AsArray().Count, first["refused"]!.AsArray().Count));
        Assert.Single(await _store.Stores.Definitions.GetEditsAsync(EvaluatorDrafts.Target, default), e => !e.Accepted);
    }

    public void Dispose() => _store.Dispose();
}
