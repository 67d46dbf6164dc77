using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary><c>bench meta</c> on a tiny budget: an edited procedure against the shipped one from the same round 0 at equal compute, with the summary and lineage written.</summary>
public sealed class BenchMetaTests
{
    [Fact]
    public async Task Compares_two_procedure_versions_at_equal_compute_from_one_shared_base_and_writes_the_summary_and_lineage()
    {
        using var store = new TestStore("sqlite");
        var output = store.Folder.File("bench");
        var docs = store.Folder.Write("benchmarks.md", "# Benchmarks\n");
        var patch = store.Folder.Write("fewer-steps.json", """[{ "op": "replace", "path": "/steps/4/do/4/with/steps", "value": 50 }]""");
        Assert.Equal(0, (await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", Path.Combine(Repository.Workflows, "self-improve-addition.yaml")))).ExitCode);
        var edit = await CliProcess.RunAsync(store.Folder.Path, store.Args("edit", "self-improve-addition", "--patch", patch, "--editor", "operator:test"));
        Assert.True(edit.ExitCode == 0, edit.Stdout + edit.Stderr);

        var result = await CliProcess.RunAsync(store.Folder.Path, store.Args("bench", "meta", "--baseline", "1", "--procedure", "2", "--seeds", "7", "--out", output, "--docs", docs,
            "-i", "baseSteps=40", "-i", "baseMaxLength=2", "-i", "width=16", "-i", "rounds=1", "-i", "gateItems=16"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var rows = File.ReadAllLines(Path.Combine(output, "meta.csv")).Skip(1).Select(r => r.Split(',')).ToList();
        // Equal compute: the edited procedure trains 50 steps per round instead of 100, so the baseline's one round
        // buys it two (its budget is the GFLOP the baseline's round spent, which one round of 50 steps with its
        // proposing and gating does not reach), and no more.
        Assert.Equal(["baseline/0", "baseline/1", "improved/0", "improved/1", "improved/2"], rows.Select(r => r[0] + "/" + r[2]).Order());
        // Same round 0 for both.
        Assert.Single(rows.Where(r => r[2] == "0").Select(r => string.Join(',', r[3..9])).Distinct());
        var steps = rows.Where(r => r[2] != "0").ToLookup(r => r[0], r => long.Parse(r[8]) - 40);
        Assert.Equal([100L], steps["baseline"]);
        Assert.Equal([50L, 100L], steps["improved"].Order());
        var section = await File.ReadAllTextAsync(docs);
        Assert.Contains("## Outer loop: self-improve-addition@2 vs self-improve-addition@1", section);
        Assert.Contains("| 2 | 1 | operator:test | /steps/4/do/4/with/steps = 50 |", section);
        Assert.Contains("Mean compute ratio", section);
        Assert.Contains("the improved one may spend the estimated compute", section);
        var compute = rows.ToLookup(r => r[0], r => double.Parse(r[9], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(compute["improved"].Max() >= compute["baseline"].Max(), "the improved arm stops only once it has spent the baseline's compute");
        Assert.True(File.Exists(Path.Combine(output, "frontier-vs-steps.png")));
        Assert.True(File.Exists(Path.Combine(output, "frontier-vs-compute.png")));
    }

    [Fact]
    public async Task With_a_shared_base_seed_one_round_0_starts_every_seed()
    {
        using var store = new TestStore("sqlite");
        var output = store.Folder.File("bench");
        Assert.Equal(0, (await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", Path.Combine(Repository.Workflows, "self-improve-addition.yaml")))).ExitCode);

        var result = await CliProcess.RunAsync(store.Folder.Path, store.Args("bench", "meta", "--baseline", "1", "--procedure", "1", "--seeds", "7", "8", "--base-seed", "5", "--out", output, "--docs", "",
            "-i", "baseSteps=40", "-i", "baseMaxLength=2", "-i", "width=16", "-i", "rounds=1", "-i", "gateItems=16"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal(["base-s5"], Directory.GetDirectories(Path.Combine(output, "stores"), "base-*").Select(Path.GetFileName));
        var rows = File.ReadAllLines(Path.Combine(output, "meta.csv")).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.Equal(["7", "8"], rows.Select(r => r[1]).Distinct().Order());
        // Round 0 (model, frontier, accuracy, steps) is the same row for both seeds and both procedures.
        Assert.Single(rows.Where(r => r[2] == "0").Select(r => string.Join(',', r[3..9])).Distinct());
    }
}
