using System.Text.Json.Nodes;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Loop.Evaluate;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Versioning;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Activities;

/// <summary>Evaluators published to the definition store: found before the files, by current version or ID@V, and rolled back like workflows.</summary>
public sealed class StoredEvaluatorTests : IDisposable
{
    private readonly LoopStore _store = new();

    private static JsonObject Evaluator(double minShare) => new()
    {
        ["id"] = "majority",
        ["version"] = 1,
        ["filters"] = new JsonArray(new JsonObject { ["uses"] = "majority", ["with"] = new JsonObject { ["minShare"] = minShare, ["minVotes"] = 2 } }),
    };

    private async Task PublishAsync(JsonObject document) =>
        await _store.Stores.Definitions.PublishAsync(new PublishRequest(EvaluatorCatalog.StoreId("majority"), document, DefinitionHash.Of(document), "test", "test"), default);

    [Fact]
    public async Task The_current_published_version_wins_over_the_file_and_a_rollback_brings_the_old_one_back()
    {
        var catalog = _store.Loop.Attach(_store.Stores.Artifacts, _store.Stores.Models, Path.Combine(_store.Folder, "scratch"), _store.Stores.Definitions).Evaluators;
        Assert.Equal("majority@1", catalog.Load("majority").Evaluator!.Reference);
        Assert.EndsWith(Path.Combine("evaluators", "majority.yaml"), catalog.Load("majority").Evaluator!.File);

        await PublishAsync(Evaluator(0.5));
        await PublishAsync(Evaluator(0.9));
        Assert.Equal("majority@2", catalog.Load("majority").Evaluator!.Reference);
        Assert.Equal(0.9, catalog.Load("majority").Evaluator!.Filters[0].With["minShare"]!.GetValue<double>());
        Assert.Equal(0.5, catalog.Load("majority@1").Evaluator!.Filters[0].With["minShare"]!.GetValue<double>());

        await _store.Stores.Definitions.MoveAliasAsync(new AliasMoveRequest(EvaluatorCatalog.StoreId("majority"), IDefinitionStore.CurrentAlias, 1, "test", "v2 kept too few"), default);
        Assert.Equal("majority@1", catalog.Load("majority").Evaluator!.Reference);

        var missing = Assert.Single(catalog.Load("majority@7").Issues);
        Assert.Contains("no version 7 of evaluator 'majority'", missing.Message);
    }

    [Fact]
    public async Task The_evaluate_step_records_the_published_version_it_used()
    {
        _store.Loop.Attach(_store.Stores.Artifacts, _store.Stores.Models, Path.Combine(_store.Folder, "scratch"), _store.Stores.Definitions);
        await PublishAsync(Evaluator(0.5));
        await PublishAsync(Evaluator(0.7));
        var attempts = new[] { "4", "4", "5" }.Select((answer, sample) => new AttemptRecord { Task = "arithmetic/addition", Prompt = "2+2=", Length = 1, Attempt = answer, Sample = sample, Reference = "40" });
        var hash = await JsonLinesArtifact.WriteAsync(_store.Stores.Artifacts, attempts, default);

        var judged = await LoopStore.RunAsync(new EvaluateActivity(_store.Loop), new JsonObject { ["evaluator"] = "majority", ["attempts"] = hash }, "judge");

        Assert.Equal("majority@2", judged["evaluator"]!.GetValue<string>());
        Assert.Equal(0, judged["keptCount"]!.GetValue<int>()); // 2 of 3 is not above the 0.7 share of version 2
        var first = await LoopStore.RunAsync(new EvaluateActivity(_store.Loop), new JsonObject { ["evaluator"] = "majority@1", ["attempts"] = hash }, "judge-v1");
        Assert.Equal(2, first["keptCount"]!.GetValue<int>());
    }

    public void Dispose() => _store.Dispose();
}
