using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Loop.Audit;
using Orchestrator.Core.Loop.Evaluate;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Meta.Adopt;
using Orchestrator.Core.Meta.Trial;
using Orchestrator.Core.Versioning;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Meta;

/// <summary>
/// Trials and adoption of evaluator versions on a real store: a trial pins the exact evaluator version and gives it to
/// every run, and an adopted draft becomes what every later judgement by the plain id uses and records.
/// </summary>
public sealed class EvaluatorTrialTests : IDisposable
{
    // A stand-in for the self-label workflow: it takes an evaluator and reports it with the meta-objective's numbers.
    private const string Target = """
        id: toy-selflabel
        inputs:
          model: { type: string, default: toy }
          evaluator: { type: string, default: selflabel }
        steps:
          - { id: noop, uses: set, with: { done: true } }
        output: "${ { champion: inputs.model + '@1', frontier: 2, baseFrontier: 1, trainingSteps: 2000, baseTrainingSteps: 1000, evaluator: inputs.evaluator } }"
        """;

    private readonly LoopStore _store = new();
    private readonly EvaluatorDrafts _drafts;

    public EvaluatorTrialTests() => _drafts = new EvaluatorDrafts(_store);

    private async Task PublishTargetAsync(string text)
    {
        var document = new DefinitionLoader(_drafts.Meta.Activities).LoadText("toy.yaml", text).Definition!.Document;
        await _store.Stores.Definitions.PublishAsync(new PublishRequest(document["id"]!.GetValue<string>(), document, DefinitionHash.Of(document), "user:test", "target"), default);
    }

    private Task<ActivityOutcome> TrialAsync(string target, string evaluator, string step = "generation/0/baseline") =>
        new ActivityHarness(new TrialActivity(_drafts.Meta)) { RunId = "outer", StepKey = step }
            .RunAsync(new JsonObject { ["target"] = target, ["seeds"] = new JsonArray(7, 8), ["evaluator"] = evaluator, ["modelPrefix"] = "screen" }).AsTask();

    [Fact]
    public async Task A_trial_pins_the_evaluator_s_exact_version_and_every_run_is_given_it_under_a_model_name_of_its_own()
    {
        await _drafts.PublishShippedAsync();
        await _drafts.PublishCurrentAsync("/filters/2/with/min", 0.9);
        await PublishTargetAsync(Target);

        var current = await TrialAsync("toy-selflabel", "selflabel");
        var first = await TrialAsync("toy-selflabel", "selflabel@1", "generation/0/screen/0/trial");

        Assert.True(current.Succeeded, current.Error?.ToString());
        Assert.Equal("selflabel@2", current.Output!["evaluator"]!.GetValue<string>());
        Assert.All(current.Output["results"]!.AsArray(), r => Assert.Equal("selflabel@2", r!["evaluator"]!.GetValue<string>()));
        Assert.Equal("selflabel@1", first.Output!["evaluator"]!.GetValue<string>());
        var runs = await _store.Stores.Runs.ListRunsAsync(10, default);
        Assert.Equal(4, runs.Count);
        var models = runs.Select(r => r.Inputs["model"]!.GetValue<string>()).ToList();
        Assert.Contains("screen-toy-selflabel-v1-selflabel-v2-s7", models);
        Assert.Contains("screen-toy-selflabel-v1-selflabel-v1-s7", models);
        Assert.Equal(4, models.Distinct().Count());
    }

    [Fact]
    public async Task A_trial_with_an_evaluator_refuses_a_workflow_without_an_evaluator_input_and_an_unknown_version()
    {
        await _drafts.PublishShippedAsync();
        await PublishTargetAsync(Target.Replace("toy-selflabel", "toy-fixed").Replace("  evaluator: { type: string, default: selflabel }\n", "").Replace(", evaluator: inputs.evaluator", ""));
        await PublishTargetAsync(Target);

        var fixedEvaluator = await TrialAsync("toy-fixed", "selflabel");
        var unknown = await TrialAsync("toy-selflabel", "selflabel@9");

        Assert.Equal("no-evaluator-input", fixedEvaluator.Error?.Type);
        Assert.Contains("toy-fixed@1 takes no 'evaluator' input", fixedEvaluator.Error!.Message);
        Assert.Equal("unknown-evaluator", unknown.Error?.Type);
        Assert.Contains("no version 9 of evaluator 'selflabel'", unknown.Error!.Message);
        Assert.Empty(await _store.Stores.Runs.ListRunsAsync(10, default));
    }

    [Fact]
    public async Task An_adopted_evaluator_draft_is_current_with_its_evidence_and_the_judge_and_the_audit_record_its_version()
    {
        await _drafts.PublishShippedAsync();
        var proposed = await _drafts.ProposeAsync(EvaluatorDrafts.Replace("/filters/2/with/min", 0.9, "more labels"));
        var evidence = new JsonObject { ["passed"] = true, ["meanGain"] = 0.4, ["pValue"] = 0.031 };

        var adopted = await new ActivityHarness(new AdoptActivity(_drafts.Meta)) { RunId = "outer", StepKey = "generation/0/adopt" }
            .RunAsync(new JsonObject { ["target"] = EvaluatorDrafts.Target, ["version"] = proposed.Output!["drafts"]![0]!["version"]!.DeepClone(), ["evidence"] = evidence, ["reason"] = "meta-gate: confirmed" });

        Assert.True(adopted.Succeeded, adopted.Error?.ToString());
        Assert.Equal((2, 1), (adopted.Output!["current"]!.GetValue<int>(), adopted.Output["previous"]!.GetValue<int>()));
        var move = (await _store.Stores.Definitions.GetAliasHistoryAsync(EvaluatorDrafts.Target, IDefinitionStore.CurrentAlias, default)).Last();
        Assert.Equal((2, "meta-gate: confirmed"), (move.To, move.Reason));
        Assert.True(JsonNode.DeepEquals(evidence, move.Evidence));

        // One confident answer to 2+3 and the same to its commuted variant, as learning/propose writes them.
        var attempts = await JsonLinesArtifact.WriteAsync(_store.Stores.Artifacts, new[] { ("2+3=", (string?)null), ("3+2=", "2+3=") }.Select(p => new AttemptRecord
        {
            Task = "arithmetic/addition", Prompt = p.Item1, Origin = p.Item2, Variant = p.Item2 is null ? null : "commuted", Length = 1, Attempt = "50", Reference = "50", Confidence = 0.99, Greedy = true,
        }), default);
        var judged = await LoopStore.RunAsync(new EvaluateActivity(_store.Loop), new JsonObject { ["evaluator"] = "selflabel", ["attempts"] = attempts }, "round/0/judge");
        var audit = await LoopStore.RunAsync(new AuditActivity(_store.Loop), new JsonObject
        {
            ["kept"] = judged["kept"]!.DeepClone(), ["evaluator"] = judged["evaluator"]!.DeepClone(), ["minPrecision"] = 0,
        }, "round/0/audit");
        Assert.Equal("selflabel@2", judged["evaluator"]!.GetValue<string>());
        Assert.Equal("selflabel@2", audit["evaluator"]!.GetValue<string>());
    }

    public void Dispose() => _store.Dispose();
}
