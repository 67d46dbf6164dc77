using System.Text.Json.Nodes;
using CsCheck;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Meta;
using Orchestrator.Core.Meta.Propose;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Core.Versioning;
using Orchestrator.Learning.Activities;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Fuzzing;

/// <summary>
/// Fuzzed self-edits through the product's own path into a real store: <c>meta/propose</c> with an editor that
/// answers with fuzzed patches against the shipped loop. Every proposal is journalled once; only accepted ones
/// become drafts (identical ones share a version); a refused one stores nothing else; and <c>current</c> never moves.
/// </summary>
public sealed class SelfEditStoreFuzzTests
{
    private const string Target = "self-improve-addition";
    private const int Generations = 5;

    /// <summary>The most one step asks for.</summary>
    private const int Proposals = 30;

    [Fact]
    public void Fuzzed_proposals_through_meta_propose_store_a_draft_for_each_accepted_one_and_nothing_for_a_refused_one()
    {
        var parent = ShippedDocuments.EditableWorkflows.Single(d => d.Reference.StartsWith(Target + "@", StringComparison.Ordinal));
        var patches = PatchCase.Of([parent]).Select(c => c.Patch as JsonArray ?? new JsonArray(c.Patch)).Array[Generations * Proposals];
        patches.Sample(batch => ProposeAsync(batch).GetAwaiter().GetResult(), seed: FuzzSettings.Seed, iter: 3, threads: 1,
            print: batch => string.Join("\n", batch.Select(DefinitionText.Json)));
    }

    private static async Task ProposeAsync(JsonArray[] patches)
    {
        using var store = new LoopStore();
        var editor = new ScriptedEditor(patches);
        var activities = new ActivityRegistry().AddBuiltInActivities().AddImprovementLoop(store.Learning);
        var meta = new MetaServices(store.Loop, activities, new EditorRegistry().Add(editor.Name, _ => editor)).Attach(store.Stores.Runs, store.Stores.Definitions);
        activities.AddMetaActivities(meta);
        var definitions = store.Stores.Definitions;
        var shipped = new DefinitionLoader(activities).LoadFile(Path.Combine(LoopStore.RepositoryRoot, "workflows", Target + ".yaml"));
        Assert.True(shipped.IsValid, string.Join("\n", shipped.Issues));
        var document = shipped.Definition!.Document;
        await definitions.PublishAsync(new PublishRequest(Target, document, DefinitionHash.Of(document), "user:test", "the shipped loop"), CancellationToken.None);

        var drafts = 0;
        for (var generation = 0; generation < Generations; generation++)
        {
            var outcome = await new ActivityHarness(new MetaProposeActivity(meta)) { RunId = "fuzz", StepKey = $"generation/{generation}/propose" }
                .RunAsync(new JsonObject { ["target"] = Target, ["editor"] = editor.Name, ["proposals"] = Proposals });
            Assert.True(outcome.Succeeded, outcome.Error?.ToString());
            drafts += outcome.Output!["drafts"]!.AsArray().Count;
        }

        var journal = await definitions.GetEditsAsync(Target, CancellationToken.None);
        var versions = await definitions.ListVersionsAsync(Target, CancellationToken.None);
        Assert.Equal(patches.Length, journal.Count);
        var accepted = journal.Where(e => e.Accepted).ToList();
        Assert.Equal(drafts, accepted.Count);
        Assert.All(journal.Where(e => !e.Accepted), e => Assert.True(e.DraftVersion is null && e.Rejections.Count > 0, $"refused #{e.Sequence} has a draft or no reason"));
        // Publishing is by content, so two accepted edits that give the same document share one draft.
        Assert.Equal(accepted.Select(e => e.DraftVersion!.Value).Append(1).Distinct().Order(), versions.Select(v => v.Version).Order());
        Assert.Equal(1, await definitions.GetAliasAsync(Target, IDefinitionStore.CurrentAlias, CancellationToken.None));
    }

    /// <summary>An editor that answers with the next of the patches it was given, one per slot, as a model would answer anything.</summary>
    private sealed class ScriptedEditor(JsonArray[] patches) : IWorkflowEditor
    {
        private int _next;

        public string Name => "fuzzed";

        public Task<IReadOnlyList<EditProposal>> ProposeAsync(EditRequest request, CancellationToken cancellationToken)
        {
            var answers = patches.Skip(_next).Take(request.Count).Select((p, i) => new EditProposal(p, $"fuzz:{_next + i}", "fuzzed")).ToList();
            _next += answers.Count;
            return Task.FromResult<IReadOnlyList<EditProposal>>(answers);
        }

        public void Learn(string arm, double reward) { }
        public JsonObject SaveState() => new() { ["editor"] = Name };
        public void LoadState(JsonObject state) { }
    }
}
