using System.Text.Json.Nodes;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Loop.Dataset;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Activities;

/// <summary>How <c>learning/dataset</c> spreads replay draws over earlier items, on a real store.</summary>
public sealed class DatasetBalanceTests : IDisposable
{
    private readonly LoopStore _store = new();

    // Earlier data as the loop accumulates it: few short problems, many long ones.
    private async Task<string> PreviousAsync() => await JsonLinesArtifact.WriteAsync(_store.Stores.Artifacts,
        [.. Enumerable.Range(0, 10).Select(i => Record(1, $"{i}+1=")), .. Enumerable.Range(0, 90).Select(i => Record(5, $"{i:00000}+11111="))], default);

    private async Task<string> KeptAsync() => await JsonLinesArtifact.WriteAsync(_store.Stores.Artifacts,
        [new AttemptRecord { Task = "arithmetic/addition", Prompt = "123456+654321=", Attempt = "7777770", Reference = "7777770", Length = 6, Greedy = true, Correct = true }], default);

    private static TrainingRecord Record(int length, string prompt) => new("arithmetic/addition", prompt, "0", length, true, 0.01);

    private async Task<IReadOnlyList<TrainingRecord>> BuildAsync(string? balance)
    {
        var inputs = new JsonObject { ["kept"] = await KeptAsync(), ["previous"] = await PreviousAsync(), ["replay"] = 0.5 };
        if (balance is not null) inputs["balance"] = balance;
        var output = await LoopStore.RunAsync(new DatasetActivity(_store.Loop), inputs, "data");
        return await JsonLinesArtifact.ReadAsync<TrainingRecord>(_store.Stores.Artifacts, output["dataset"]!.GetValue<string>(), "test", default);
    }

    [Fact]
    public async Task By_default_every_replayed_item_is_drawn_alike_so_a_rare_length_gets_its_item_share()
    {
        var records = await BuildAsync(balance: null);

        Assert.Equal(0.05, records.Where(r => !r.Fresh && r.Length == 1).Sum(r => r.Weight), 9);
        Assert.Equal(0.45, records.Where(r => !r.Fresh && r.Length == 5).Sum(r => r.Weight), 9);
        Assert.Equal(0.5, records.Single(r => r.Fresh).Weight, 9);
    }

    [Fact]
    public async Task Balanced_by_length_every_replayed_length_gets_the_same_share_and_fresh_items_keep_theirs()
    {
        var records = await BuildAsync("lengths");

        Assert.Equal(0.25, records.Where(r => !r.Fresh && r.Length == 1).Sum(r => r.Weight), 9);
        Assert.Equal(0.25, records.Where(r => !r.Fresh && r.Length == 5).Sum(r => r.Weight), 9);
        Assert.Single(records.Where(r => !r.Fresh && r.Length == 1).Select(r => r.Weight).Distinct());
        Assert.Equal(0.5, records.Single(r => r.Fresh).Weight, 9);
        Assert.Equal(1.0, records.Sum(r => r.Weight), 9);
    }

    [Fact]
    public void An_unknown_balance_is_refused_by_validation()
    {
        var problems = new ActivityHarness(new DatasetActivity(_store.Loop)).Check(new JsonObject
        {
            ["kept"] = "sha256:" + new string('0', 64), ["balance"] = "by-length",
        });

        Assert.Contains(problems, p => p.Input == "balance" && p.Message.Contains("'items' or 'lengths'"));
    }

    public void Dispose() => _store.Dispose();
}
