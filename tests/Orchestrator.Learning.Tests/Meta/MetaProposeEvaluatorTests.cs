using System.Text.Json.Nodes;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Meta.Propose;
using Orchestrator.Core.Versioning;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Meta;

/// <summary>meta/propose with an evaluator as its target, on a real store: the evaluator's own tunables, bounds and reader decide.</summary>
public sealed class MetaProposeEvaluatorTests : IDisposable
{
    private readonly LoopStore _store = new();
    private readonly EvaluatorDrafts _drafts;

    public MetaProposeEvaluatorTests() => _drafts = new EvaluatorDrafts(_store);

    [Fact]
    public async Task Edits_within_the_evaluator_s_tunables_become_drafts_of_it_and_patches_outside_them_are_refused_with_reasons()
    {
        await _drafts.PublishShippedAsync();

        var outcome = await _drafts.ProposeAsync(
            EvaluatorDrafts.Replace("/filters/2/with/min", 0.9, "more labels, still confident"),
            EvaluatorDrafts.Replace("/filters/2/with/min", 0.3, "far more labels"),
            EvaluatorDrafts.Replace("/filters/0/uses", "drop-all", "no format check"),
            EvaluatorDrafts.Replace("/tunables", new JsonObject(), "edit anything"));

        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        Assert.Equal((1, 3), (outcome.Output!["parent"]!.GetValue<int>(), outcome.Output["refused"]!.GetValue<int>()));
        var draft = Assert.Single(outcome.Output["drafts"]!.AsArray())!;
        Assert.Equal(2, draft["version"]!.GetValue<int>());

        var stored = await _store.Stores.Definitions.GetAsync(EvaluatorDrafts.Target, 2, default);
        Assert.Equal(DefinitionStatus.Draft, stored!.Status);
        Assert.Equal(1, await _store.Stores.Definitions.GetAliasAsync(EvaluatorDrafts.Target, IDefinitionStore.CurrentAlias, default));
        // The draft is an evaluator version like any other: ID@V loads it, ID still means the current one.
        Assert.Equal(0.9, _store.Loop.Evaluators.Load("selflabel@2").Evaluator!.Filters[2].With["min"]!.GetValue<double>());
        Assert.Equal("selflabel@1", _store.Loop.Evaluators.Load("selflabel").Evaluator!.Reference);

        var journal = await _store.Stores.Definitions.GetEditsAsync(EvaluatorDrafts.Target, default);
        Assert.Equal([true, false, false, false], journal.Select(e => e.Accepted));
        Assert.All(journal, e => Assert.Equal((1, "editor:scripted@0"), (e.ParentVersion, e.Editor)));
        Assert.Equal(2, journal[0].DraftVersion);
        Assert.Contains("0.3 is below the minimum 0.5", Assert.Single(journal[1].Rejections).Reason);
        Assert.Contains("'/filters/0/uses' is not a declared tunable; the tunables are /filters/2/with/min, /filters/3/with/minShare", Assert.Single(journal[2].Rejections).Reason);
        Assert.Contains("'/tunables' is protected", Assert.Single(journal[3].Rejections).Reason);
        Assert.All(journal, e => Assert.Equal("generation/0/propose", e.Details!["step"]!.GetValue<string>().Split('/', 2)[1]));
    }

    [Fact]
    public async Task An_edit_the_evaluator_reader_refuses_is_refused_though_the_path_is_a_tunable()
    {
        await _drafts.PublishShippedAsync();
        // A tunable whose bounds allow a value its filter rejects: the policy's last word is the evaluator reader.
        var document = (await _store.Stores.Definitions.GetAsync(EvaluatorDrafts.Target, 1, default))!.Document.DeepClone().AsObject();
        document["tunables"]!["/filters/2/with/min"] = new JsonObject { ["min"] = 0.5, ["max"] = 2 };
        await _store.Stores.Definitions.PublishAsync(new PublishRequest(EvaluatorDrafts.Target, document, Core.Definitions.DefinitionHash.Of(document), "operator:test", "wider bounds"), default);

        var outcome = await _drafts.ProposeAsync(EvaluatorDrafts.Replace("/filters/2/with/min", 1.5, "certain beyond certain"));

        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        Assert.Empty(outcome.Output!["drafts"]!.AsArray());
        var refusal = Assert.Single(Assert.Single(await _store.Stores.Definitions.GetEditsAsync(EvaluatorDrafts.Target, default)).Rejections);
        Assert.Equal("/filters/2/with/min", refusal.Path);
        Assert.Contains("the patched definition is invalid: confidence: 'min' must be between 0 and 1", refusal.Reason);
    }

    [Fact]
    public async Task The_bandit_edits_an_evaluator_only_within_its_declared_tunables_and_bounds()
    {
        await _drafts.PublishShippedAsync();

        var outcome = await new ActivityHarness(new MetaProposeActivity(_drafts.Meta)) { RunId = "outer", StepKey = "generation/0/propose" }
            .RunAsync(new JsonObject { ["target"] = EvaluatorDrafts.Target, ["proposals"] = 4 });

        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        var drafts = outcome.Output!["drafts"]!.AsArray();
        Assert.Equal(0, outcome.Output["refused"]!.GetValue<int>());
        var edits = drafts.Select(d => (Path: d!["patch"]![0]!["path"]!.GetValue<string>(), Value: d["patch"]![0]!["value"]!.GetValue<double>())).ToList();
        Assert.Equal(["/filters/2/with/min", "/filters/2/with/min", "/filters/3/with/minShare", "/filters/3/with/minShare"], edits.Select(e => e.Path).Order());
        Assert.All(edits.Where(e => e.Path.EndsWith("/min", StringComparison.Ordinal)), e => Assert.InRange(e.Value, 0.5, 0.999));
        Assert.All(edits.Where(e => e.Path.EndsWith("/minShare", StringComparison.Ordinal)), e => Assert.InRange(e.Value, 0.3, 0.9));
        Assert.Equal([2, 3, 4, 5], drafts.Select(d => d!["version"]!.GetValue<int>()).Order());
    }

    public void Dispose() => _store.Dispose();
}
