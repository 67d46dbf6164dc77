using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Meta;
using Orchestrator.Core.Meta.Propose;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Learning.Tests.TestSupport;

/// <summary>
/// The shipped <c>selflabel</c> evaluator published in a real store, and meta/propose asked for edits of it by an
/// editor that proposes exactly the patches a test gives, so each test knows which drafts exist and why.
/// </summary>
internal sealed class EvaluatorDrafts
{
    public const string Target = "evaluators/selflabel";

    private readonly LoopStore _store;
    private readonly ScriptedEditor _editor = new();

    public EvaluatorDrafts(LoopStore store)
    {
        _store = store;
        // Evaluators published in the store are found before the files, as in every command that opens a store.
        store.Loop.Attach(store.Stores.Artifacts, store.Stores.Models, Path.Combine(store.Folder, "scratch"), store.Stores.Definitions);
        Meta = new MetaServices(store.Loop, new ActivityRegistry().AddBuiltInActivities(), EditorRegistry.BuiltIn().Add("scripted", () => _editor))
            .Attach(store.Stores.Runs, store.Stores.Definitions);
    }

    public MetaServices Meta { get; }

    /// <summary>Publishes workflows/evaluators/selflabel.yaml as evaluators/selflabel@1, the version edits are made against.</summary>
    public async Task PublishShippedAsync()
    {
        var document = DocumentReader.ReadFile(Path.Combine(LoopStore.RepositoryRoot, "workflows", EvaluatorCatalog.FolderName, "selflabel.yaml")).Root;
        await _store.Stores.Definitions.PublishAsync(new PublishRequest(Target, document, DefinitionHash.Of(document), "user:test", "the shipped evaluator"), default);
    }

    /// <summary>Publishes the shipped evaluator with one value changed as the next version, which becomes current (as a person publishing an edit would).</summary>
    public async Task PublishCurrentAsync(string path, JsonNode value)
    {
        var shipped = (await _store.Stores.Definitions.GetAsync(Target, 1, default))!.Document;
        var document = (JsonObject)Core.Json.Patch.JsonPatch.Parse(Replace(path, value, "").Patch).Apply(shipped.DeepClone())!;
        await _store.Stores.Definitions.PublishAsync(new PublishRequest(Target, document, DefinitionHash.Of(document), "operator:test", $"{path} set to {value.ToJsonString()} by hand"), default);
    }

    /// <summary>One replace operation, as an editor proposes it.</summary>
    public static EditProposal Replace(string path, JsonNode value, string why) =>
        new([new JsonObject { ["op"] = "replace", ["path"] = path, ["value"] = value }], $"{path}={value.ToJsonString()}", why);

    /// <summary>meta/propose on the evaluator, the scripted editor proposing <paramref name="proposals"/>.</summary>
    public async Task<ActivityOutcome> ProposeAsync(params EditProposal[] proposals)
    {
        _editor.Next = proposals;
        return await new ActivityHarness(new MetaProposeActivity(Meta)) { RunId = "outer", StepKey = "generation/0/propose" }
            .RunAsync(new JsonObject { ["target"] = Target, ["editor"] = "scripted", ["proposals"] = proposals.Length });
    }

    private sealed class ScriptedEditor : IWorkflowEditor
    {
        public IReadOnlyList<EditProposal> Next { get; set; } = [];
        public string Name => "scripted";
        public Task<IReadOnlyList<EditProposal>> ProposeAsync(EditRequest request, CancellationToken cancellationToken) => Task.FromResult(Next);
        public void Learn(string arm, double reward) { }
        public JsonObject SaveState() => new() { ["editor"] = Name };
        public void LoadState(JsonObject state) { }
    }
}
