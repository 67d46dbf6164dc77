using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Tests.Learning;

/// <summary>
/// The shipped self-improve-addition-ensemble workflow end to end at tiny settings: three bases trained with their own
/// seeds, one round in which every member answers the same problems, the ensemble evaluator keeps only the answers all
/// of them gave, and each member trains on those labels from its own champion and is gated against it.
/// </summary>
public sealed class EnsembleSelfLabelTests
{
    // One-digit bases learn enough in 200 steps to be confident on some sums, and not on others: the members agree
    // on a few labels and differ on many. 16 gate items can never show mastery (the bound needs about 60), so the
    // frontier stays 0 and the round proposes one-digit sums; minPrecision 0 lets the few labels be trained on.
    private static readonly string[] Tiny =
    [
        "-i", "members=3", "-i", "width=32", "-i", "baseSteps=200", "-i", "baseLr=0.005", "-i", "baseBatch=64", "-i", "baseMaxLength=1",
        "-i", "rounds=1", "-i", "gateItems=16", "-i", "auditItems=16", "-i", "minPrecision=0",
    ];

    [Fact]
    public async Task Every_member_trains_from_its_own_base_on_labels_every_member_agreed_on()
    {
        using var store = new TestStore("sqlite");

        var run = await CliProcess.RunAsync(store.Folder.Path, store.Args(["run", "self-improve-addition-ensemble", "--json", "--seed", "3", .. Tiny]));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var result = JsonNode.Parse(run.Stdout)!.AsObject();
        var output = result["output"]!;
        Assert.Equal(3, (int)output["members"]!);
        Assert.Equal(["addition-m1", "addition-m2", "addition-m3"], output["champions"]!.AsArray().Select(c => ((string)c!).Split('@')[0]));
        var memberFrontiers = output["memberFrontiers"]!.AsArray().Select(f => (int)f!).ToList();
        Assert.Equal(memberFrontiers.Min(), (int)output["frontier"]!);
        Assert.Equal(600, (int)output["baseTrainingSteps"]!);
        Assert.True((double)output["compute"]! > (double)output["baseCompute"]!);
        var round = output["rounds"]![1]!;
        Assert.Equal(3, round["members"]!.AsArray().Count);
        Assert.InRange((int)round["promotions"]!, 0, 3);

        using var stores = StoreFactory.Open(store.Location, store.Artifacts);
        var seeds = new List<long>();
        foreach (var name in new[] { "addition-m1", "addition-m2", "addition-m3" })
        {
            var versions = await stores.Models.ListVersionsAsync(name, default);
            var base_ = Assert.Single(versions, v => v.Version == 1);
            seeds.Add(base_.Lineage.Seed!.Value);
            // Round 1 trained this member from its own base, on what the ensemble evaluator kept.
            var trained = Assert.Single(versions, v => v.Version == 2);
            Assert.Equal(1, trained.Lineage.ParentVersion);
            Assert.Equal("selflabel-ensemble@1", trained.Lineage.Evaluator);
        }
        Assert.Equal(3, seeds.Distinct().Count());

        var steps = (await stores.Runs.GetStepsAsync((string)result["id"]!, default)).ToDictionary(s => s.Key);
        var proposed = steps["round/0/propose"].Output!;
        var attempts = await JsonLinesArtifact.ReadAsync<AttemptRecord>(stores.Artifacts, (string)proposed["attempts"]!, "test", default);
        var kept = await JsonLinesArtifact.ReadAsync<AttemptRecord>(stores.Artifacts, (string)steps["round/0/judge"].Output!["kept"]!, "test", default);
        var models = proposed["models"]!.AsArray().Select(m => (string)m!).ToList();
        Assert.Equal(["addition-m1@1", "addition-m2@1", "addition-m3@1"], models);
        Assert.NotEmpty(kept);
        // The members disagree on many prompts, so a label that skipped the vote would be caught here.
        Assert.Contains(attempts.GroupBy(a => a.Prompt), prompt => prompt.Select(a => a.Attempt).Distinct().Count() > 1);
        Assert.All(kept, label => Assert.All(models, model =>
            Assert.Contains(attempts, a => a.Model == model && a.Prompt == label.Prompt && a.Attempt == label.Attempt && a.Confidence >= 0.98)));
    }
}
