using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Meta;
using Orchestrator.Core.Meta.Propose;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Core.Versioning;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Meta;

/// <summary>meta/propose on a real store with an editor that answers differently every time it is asked, as a model does.</summary>
public sealed class MetaProposeTests : IDisposable
{
    private const string Target = """
        id: toy
        tunables:
          /steps/0/with/span: { min: 1, max: 4 }
        steps:
          - { id: procedure, uses: set, with: { span: 1 } }
        """;

    private readonly LoopStore _store = new();
    private readonly ChangingEditor _editor = new();
    private readonly MetaServices _meta;

    public MetaProposeTests()
    {
        var activities = new ActivityRegistry().AddBuiltInActivities();
        _meta = new MetaServices(_store.Loop, activities, new EditorRegistry().Add("changing", setup => _editor.For(setup)))
            .Attach(_store.Stores.Runs, _store.Stores.Definitions);
    }

    /// <summary>Proposes span 2, 3 and a slot spent with a failure on its first call; span 4 and other failures after.</summary>
    private sealed class ChangingEditor : IWorkflowEditor
    {
        public int Calls { get; private set; }
        public EditorSetup? Setup { get; private set; }

        public IWorkflowEditor For(EditorSetup setup)
        {
            if (setup.Connection == "missing") throw new EditorUnavailableException("no connection 'missing': write it in connections.json");
            Setup = setup;
            return this;
        }

        public string Name => "changing";

        public Task<IReadOnlyList<EditProposal>> ProposeAsync(EditRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            IReadOnlyList<EditProposal> proposals = Calls == 1
                ? [Span(2, "first"), Span(9, "too far"), EditProposal.Spent("timed out after 5 s", "model-a")]
                : [Span(4, "second"), EditProposal.Spent("endpoint error: HTTP 500", "model-b"), Span(3, "third")];
            return Task.FromResult(proposals);
        }

        private static EditProposal Span(int value, string why) =>
            new([new JsonObject { ["op"] = "replace", ["path"] = "/steps/0/with/span", ["value"] = value }], $"span={value}", why)
            { AnsweredBy = "model-a", Usage = new TokenUsage(100, 10) };

        public void Learn(string arm, double reward) { }
        public JsonObject SaveState() => new() { ["editor"] = Name };
        public void LoadState(JsonObject state) { }
    }

    private async Task PublishAsync()
    {
        var document = new DefinitionLoader(_meta.Activities).LoadText("toy.yaml", Target).Definition!.Document;
        await _store.Stores.Definitions.PublishAsync(new PublishRequest("toy", document, DefinitionHash.Of(document), "user:test", "first"), CancellationToken.None);
    }

    private ValueTask<ActivityOutcome> ProposeAsync(string connection = "editor") =>
        new ActivityHarness(new MetaProposeActivity(_meta)) { RunId = "outer", StepKey = "generation/0/propose" }
            .RunAsync(new JsonObject { ["target"] = "toy", ["editor"] = "changing", ["connection"] = connection, ["proposals"] = 3 });

    [Fact]
    public async Task Every_slot_is_journalled_with_who_answered_and_a_spent_slot_says_why()
    {
        await PublishAsync();

        var outcome = await ProposeAsync();

        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        Assert.Equal((1, 2, 1), (outcome.Output!["drafts"]!.AsArray().Count, outcome.Output["refused"]!.GetValue<int>(), outcome.Output["failed"]!.GetValue<int>()));
        Assert.Equal("editor", _editor.Setup?.Connection);
        var journal = await _store.Stores.Definitions.GetEditsAsync("toy", CancellationToken.None);
        Assert.Equal([true, false, false], journal.Select(e => e.Accepted));
        Assert.Equal(["model-a", "model-a", "model-a"], journal.Select(e => e.Details!["model"]!.GetValue<string>()));
        Assert.Equal(100, journal[0].Details!["usage"]!["prompt"]!.GetValue<long>());
        Assert.Equal(("first", "span=2"), (journal[0].Rationale, journal[0].Details!["arm"]!.GetValue<string>()));
        Assert.Contains("9 is above the maximum 4", journal[1].Rejections.Single().Reason);
        Assert.Null(journal[1].Details!["failure"]);
        Assert.Equal(("timed out after 5 s", "timed out after 5 s"), (journal[2].Rejections.Single().Reason, journal[2].Details!["failure"]!.GetValue<string>()));
        Assert.Empty(journal[2].Patch);
    }

    [Fact]
    public async Task A_rerun_of_the_step_keeps_what_its_slots_journalled_though_the_editor_now_answers_otherwise()
    {
        await PublishAsync();
        var first = await ProposeAsync();

        var again = await ProposeAsync();

        Assert.True(again.Succeeded, again.Error?.ToString());
        Assert.Equal(2, _editor.Calls);
        Assert.Equal(3, (await _store.Stores.Definitions.GetEditsAsync("toy", CancellationToken.None)).Count);
        Assert.True(JsonNode.DeepEquals(first.Output, again.Output), $"{first.Output}\n{again.Output}");
        Assert.Equal("span=2", again.Output!["drafts"]![0]!["arm"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_editor_that_cannot_be_made_as_set_up_is_refused_with_its_reason()
    {
        await PublishAsync();

        var outcome = await ProposeAsync(connection: "missing");

        Assert.False(outcome.Succeeded);
        Assert.Contains("no connection 'missing': write it in connections.json", outcome.Error!.Message);
        Assert.Empty(await _store.Stores.Definitions.GetEditsAsync("toy", CancellationToken.None));
    }

    public void Dispose() => _store.Dispose();
}
