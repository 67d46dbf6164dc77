using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Check;
using Orchestrator.Core.Loop.Dataset;
using Orchestrator.Core.Loop.Evaluate;
using Orchestrator.Core.Loop.Promote;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Learning.Activities.Gate;
using Orchestrator.Learning.Activities.PostTrain;
using Orchestrator.Learning.Activities.Propose;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Activities;

/// <summary>One round of the loop, step by step, on a real store: each step's output feeds the next by artifact hash.</summary>
public sealed class ImprovementLoopTests : IDisposable
{
    private readonly LoopStore _store = new();

    [Fact]
    public async Task A_round_proposes_checks_keeps_the_correct_attempts_trains_a_candidate_with_lineage_and_gates_it()
    {
        var base_ = await LoopSteps.PretrainAsync(_store, "adder", steps: 120);
        Assert.Equal("adder@1", base_["model"]!.GetValue<string>());

        var proposed = await LoopStore.RunAsync(new ProposeActivity(_store.Learning), new JsonObject
        {
            ["model"] = "adder@1", ["task"] = "arithmetic/addition", ["from"] = 2, ["span"] = 2, ["problems"] = 40, ["samples"] = 2, ["temperature"] = 1.0,
        }, "propose");
        Assert.Equal(240, proposed["total"]!.GetValue<int>());
        Assert.Equal([2, 3], proposed["lengths"]!.AsArray().Select(l => l!.GetValue<int>()));

        var checkedOutput = await LoopStore.RunAsync(new TaskCheckActivity(_store.Loop), new JsonObject { ["attempts"] = proposed["attempts"]!.GetValue<string>() }, "execute");
        var attempts = await JsonLinesArtifact.ReadAsync<AttemptRecord>(_store.Stores.Artifacts, checkedOutput["checked"]!.GetValue<string>(), "test", default);
        Assert.Equal(240, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(a.Attempt == a.Reference, a.Correct));
        Assert.Equal(attempts.Count(a => a.Correct == true), checkedOutput["correct"]!.GetValue<int>());
        Assert.Equal(80, attempts.Count(a => a.Greedy));

        var judged = await LoopStore.RunAsync(new EvaluateActivity(_store.Loop), new JsonObject { ["evaluator"] = "verified", ["attempts"] = checkedOutput["checked"]!.GetValue<string>() }, "judge");
        var kept = await JsonLinesArtifact.ReadAsync<AttemptRecord>(_store.Stores.Artifacts, judged["kept"]!.GetValue<string>(), "test", default);
        Assert.All(kept, a => Assert.True(a.Correct));
        Assert.Equal(attempts.Where(a => a.Correct == true).Select(a => a.Prompt).Distinct().Count(), kept.Count);
        Assert.Equal("verified@1", judged["evaluator"]!.GetValue<string>());

        var data = await LoopStore.RunAsync(new DatasetActivity(_store.Loop), new JsonObject
        {
            ["kept"] = judged["kept"]!.GetValue<string>(), ["previous"] = base_["dataset"]!.GetValue<string>(), ["replay"] = 0.5,
        }, "data");
        var records = await JsonLinesArtifact.ReadAsync<TrainingRecord>(_store.Stores.Artifacts, data["dataset"]!.GetValue<string>(), "test", default);
        Assert.Equal(kept.Count, records.Count(r => r.Fresh));
        Assert.Equal(1.0, records.Sum(r => r.Weight), 9);
        if (kept.Count > 0) Assert.Equal(0.5, records.Where(r => r.Fresh).Sum(r => r.Weight), 9);
        Assert.All(records.Where(r => r.Fresh), r => Assert.Contains(kept, a => a.Prompt == r.Prompt && a.Attempt == r.Answer));

        var trained = await LoopStore.RunAsync(new PostTrainActivity(_store.Learning), new JsonObject
        {
            ["model"] = "adder@1", ["dataset"] = data["dataset"]!.GetValue<string>(), ["evaluator"] = "verified@1",
            ["steps"] = 30, ["batch"] = 32, ["warmup"] = 5, ["decay"] = 10, ["checkpointEvery"] = 0,
        }, "train");
        var candidate = await _store.Stores.Models.GetAsync("adder", 2, default);
        Assert.NotNull(candidate);
        Assert.Equal(1, candidate.Lineage.ParentVersion);
        Assert.Equal(data["dataset"]!.GetValue<string>(), candidate.Lineage.DatasetHash);
        Assert.Equal("verified@1", candidate.Lineage.Evaluator);
        Assert.Equal("run-1", candidate.Lineage.RunId);
        Assert.Equal(30, candidate.Lineage.Compute.TrainingSteps);
        Assert.Equal("adder@2", trained["model"]!.GetValue<string>());

        var gate = await LoopStore.RunAsync(new GateActivity(_store.Learning), new JsonObject
        {
            ["candidate"] = "adder@2", ["champion"] = "adder@1", ["task"] = "arithmetic/addition", ["targets"] = new JsonArray(2, 3), ["items"] = 32, ["scanBeyond"] = 0,
        }, "gate");
        Assert.Equal(["001", "002", "003"], gate["candidateByLength"]!.AsObject().Select(p => p.Key));
        Assert.StartsWith("sha256:", gate["dataHash"]!.GetValue<string>());
        Assert.Equal(0.01, gate["alphaSpent"]!.GetValue<double>(), 9);
    }

    [Fact]
    public async Task Promote_moves_the_alias_once_even_when_its_step_runs_again_after_a_crash()
    {
        await LoopSteps.PretrainAsync(_store, "adder", steps: 5);
        await LoopSteps.PretrainAsync(_store, "adder", steps: 5, runId: "run-2");
        var promote = new PromoteActivity(_store.Loop);
        var inputs = new JsonObject { ["model"] = "adder@2", ["alias"] = "champion", ["evidence"] = new JsonObject { ["pValue"] = 0.001 } };

        var first = await LoopStore.RunAsync(promote, inputs, "round/0/promote");
        var again = await LoopStore.RunAsync(promote, inputs, "round/0/promote");

        var history = await _store.Stores.Models.GetAliasHistoryAsync("adder", "champion", default);
        var move = Assert.Single(history);
        Assert.Equal(2, move.To);
        Assert.Equal(0.001, move.Evidence!["pValue"]!.GetValue<double>());
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
    }

    [Fact]
    public async Task Promote_refuses_when_the_alias_moved_since_the_gate_looked()
    {
        await LoopSteps.PretrainAsync(_store, "adder", steps: 5);
        await LoopSteps.PretrainAsync(_store, "adder", steps: 5, runId: "run-2");
        await LoopStore.RunAsync(new PromoteActivity(_store.Loop), new JsonObject { ["model"] = "adder@2" }, "someone-else");

        var outcome = await new Core.Activities.Testing.ActivityHarness(new PromoteActivity(_store.Loop)) { StepKey = "promote" }
            .RunAsync(new JsonObject { ["model"] = "adder@1", ["expectedFrom"] = 1 });

        Assert.False(outcome.Succeeded);
        Assert.Equal("alias-conflict", outcome.Error!.Type);
    }

    public void Dispose() => _store.Dispose();
}
