using System.Text.Json.Nodes;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Loop.Evaluate;
using Orchestrator.Learning.Activities.Gate;
using Orchestrator.Learning.Activities.PostTrain;
using Orchestrator.Learning.Activities.Pretrain;
using Orchestrator.Learning.Activities.Propose;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Activities;

/// <summary>Each kind of bad input is a clear error, before any compute is spent.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string SomeHash = "sha256:0000000000000000000000000000000000000000000000000000000000000000";
    private readonly LoopStore _store = new();

    [Fact]
    public void Proposing_nothing_is_refused_by_validation()
    {
        var problems = new ActivityHarness(new ProposeActivity(_store.Learning)).Check(new JsonObject
        {
            ["model"] = "adder@champion", ["task"] = "arithmetic/addition", ["from"] = 3, ["samples"] = 0, ["greedy"] = false,
        });

        Assert.Contains(problems, p => p.Input == "samples" && p.Message.Contains("proposes nothing"));
    }

    [Fact]
    public void A_negative_learning_rate_is_refused_by_validation()
    {
        var problems = new ActivityHarness(new PostTrainActivity(_store.Learning)).Check(new JsonObject { ["model"] = "adder@1", ["dataset"] = SomeHash, ["lr"] = -1 });

        Assert.Contains(problems, p => p.Input == "lr" && p.Message.Contains("positive"));
    }

    [Fact]
    public void A_negative_champion_frontier_is_refused_by_validation()
    {
        var problems = new ActivityHarness(new GateActivity(_store.Learning)).Check(new JsonObject
        {
            ["candidate"] = "adder@2", ["champion"] = "adder@1", ["task"] = "arithmetic/addition", ["targets"] = new JsonArray(3), ["championFrontier"] = -1,
        });

        var problem = Assert.Single(problems);
        Assert.Equal("championFrontier", problem.Input);
        Assert.Contains("0 or more", problem.Message);
    }

    [Fact]
    public void A_task_no_plugin_provides_is_named_with_the_known_ones()
    {
        var problems = new ActivityHarness(new PretrainActivity(_store.Learning)).Check(new JsonObject { ["model"] = "adder", ["task"] = "arithmetic/division" });

        var problem = Assert.Single(problems);
        Assert.Contains("no task 'arithmetic/division'", problem.Message);
        Assert.Contains("arithmetic/addition", problem.Message);
    }

    [Fact]
    public void An_evaluator_that_fails_validation_is_reported_with_its_file_and_line()
    {
        var folder = Path.Combine(_store.Folder, "workflows");
        Directory.CreateDirectory(Path.Combine(folder, "evaluators"));
        File.WriteAllText(Path.Combine(folder, "evaluators", "sloppy.yaml"), "id: sloppy\nfilters:\n  - uses: majority\n    with: { minShare: 1.5 }\n");
        var catalog = new Core.Evaluation.EvaluatorCatalog([folder], Core.Evaluation.Filters.AttemptFilterRegistry.BuiltIn());
        var services = new Core.Loop.LoopServices(_store.Loop.Tasks, catalog);

        var problems = new ActivityHarness(new EvaluateActivity(services)).Check(new JsonObject { ["evaluator"] = "sloppy", ["attempts"] = SomeHash });

        var problem = Assert.Single(problems);
        Assert.Contains("sloppy.yaml:4", problem.Message);
        Assert.Contains("minShare", problem.Message);
    }

    [Fact]
    public async Task An_unknown_alias_fails_the_step_with_the_aliases_that_exist()
    {
        await LoopSteps.PretrainAsync(_store, "adder", steps: 5);

        var outcome = await new ActivityHarness(new ProposeActivity(_store.Learning)).RunAsync(new JsonObject { ["model"] = "adder@best", ["task"] = "arithmetic/addition", ["from"] = 2 });

        Assert.Equal("model-unavailable", outcome.Error!.Type);
        Assert.Contains("no alias 'best'", outcome.Error.Message);
    }

    [Fact]
    public async Task A_checkpoint_whose_bytes_no_longer_match_its_hash_is_refused_by_name()
    {
        await LoopSteps.PretrainAsync(_store, "adder", steps: 5);
        var version = await _store.Stores.Models.GetAsync("adder", 1, default);
        var path = await _store.Stores.Artifacts.GetVerifiedPathAsync(version!.CheckpointHash, "test", default);
        File.SetAttributes(path, FileAttributes.Normal);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        var outcome = await new ActivityHarness(new GateActivity(_store.Learning)).RunAsync(new JsonObject
        {
            ["candidate"] = "adder@1", ["champion"] = "adder@1", ["task"] = "arithmetic/addition", ["targets"] = new JsonArray(1),
        });

        Assert.Equal("model-unavailable", outcome.Error!.Type);
        Assert.Contains("model adder@1", outcome.Error.Message);
        Assert.Contains("damaged", outcome.Error.Message);
    }

    public void Dispose() => _store.Dispose();
}
