using System.Text.RegularExpressions;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary><c>bench self-improve</c> on a tiny budget: every arm runs, and the CSV, plots and docs section are written.</summary>
public sealed class BenchSelfImproveTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Runs_each_arm_and_writes_csv_plots_and_a_summary_to_the_docs_file()
    {
        var output = _temp.File("bench");
        var docs = _temp.Write("benchmarks.md", "# Benchmarks\n");

        var result = await CliProcess.RunAsync(_temp.Path, "bench", "self-improve", "--seeds", "3", "--arms", "shipped", "no-filter", "--minutes", "0",
            "--workflow", Path.Combine(Repository.Workflows, "self-improve-addition.yaml"), "--out", output, "--docs", docs,
            "-i", "baseSteps=40", "-i", "baseMaxLength=2", "-i", "width=16", "-i", "rounds=1", "-i", "gateItems=16",
            "--plugins", Repository.Plugins, "--workflows", Repository.Workflows);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var rows = File.ReadAllLines(Path.Combine(output, "self-improve.csv"));
        Assert.StartsWith("arm,seed,round,frontier", rows[0]);
        Assert.Equal(["no-filter/0", "no-filter/1", "shipped/0", "shipped/1"], rows.Skip(1).Select(r => r.Split(',')[0] + "/" + r.Split(',')[2]).Order());
        foreach (var plot in new[] { "frontier-vs-steps.png", "frontier-vs-minutes.png", "accuracy-by-length-shipped.png", "accuracy-by-length-no-filter.png" })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(output, plot));
            Assert.True(bytes.Length > 5_000, $"{plot} is only {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        var section = await File.ReadAllTextAsync(docs);
        Assert.Contains("| shipped | 3 |", section);
        Assert.Contains("| no-filter | 3 |", section);
        Assert.Contains("bench self-improve --seeds 3", section);
    }

    [Fact]
    public async Task The_self_label_bench_shares_one_round_0_per_seed_and_plots_audited_precision()
    {
        var output = _temp.File("bench-label");
        var result = await CliProcess.RunAsync(_temp.Path, SelfLabelBench(output, 40, "selflabel", "no-filter"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var log = result.Stdout + result.Stderr;
        Assert.Single(Regex.Matches(log, "registered addition@1"));
        Assert.Equal(2, Regex.Matches(log, "reusing addition@1 as the base").Count);
        var rows = File.ReadAllLines(Path.Combine(output, "self-label.csv"));
        Assert.Contains("audited_precision", rows[0]);
        var noFilter = rows.Skip(1).Select(r => r.Split(',')).Single(r => r[0] == "no-filter" && r[2] == "1");
        var column = Array.IndexOf(rows[0].Split(','), "audited_precision");
        Assert.True(double.TryParse(noFilter[column], System.Globalization.CultureInfo.InvariantCulture, out var precision) && precision is >= 0 and <= 1, string.Join(',', noFilter));
        Assert.True(File.Exists(Path.Combine(output, "audited-precision.png")));
        // Both arms start from the same base: their round-0 rows agree.
        var zero = rows.Skip(1).Select(r => r.Split(',')).Where(r => r[2] == "0").Select(r => string.Join(',', r[3..9])).Distinct();
        Assert.Single(zero);

        // Started again with the same inputs, the bench reuses the round 0 it kept; with other inputs it trains anew.
        string[] Again(int baseSteps) => SelfLabelBench(output, baseSteps, "selflabel");
        var same = await CliProcess.RunAsync(_temp.Path, Again(40));
        Assert.True(same.ExitCode == 0, same.Stdout + same.Stderr);
        Assert.Contains("round 0 for seed 5 was already trained with these inputs", same.Stderr);
        Assert.DoesNotContain("registered addition@1", same.Stdout + same.Stderr);
        var other = await CliProcess.RunAsync(_temp.Path, Again(30));
        Assert.DoesNotContain("already trained", other.Stderr);
    }

    [Fact]
    public async Task The_ensemble_arm_runs_its_own_workflow_with_the_shared_round_0_as_its_first_member()
    {
        var output = _temp.File("bench-ensemble");
        var result = await CliProcess.RunAsync(_temp.Path, SelfLabelBench(output, 40, "ensemble", "selflabel"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var log = result.Stdout + result.Stderr;
        Assert.Single(Regex.Matches(log, "registered addition@1"));
        Assert.Contains("reusing addition-m1@1 as the base", log);
        Assert.Contains("registered addition-m2@1", log);
        Assert.Contains("registered addition-m3@1", log);
        var rows = File.ReadAllLines(Path.Combine(output, "self-label.csv")).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.Equal(["ensemble/0", "ensemble/1", "selflabel/0", "selflabel/1"], rows.Select(r => r[0] + "/" + r[2]).Order());
        // Round 0 of the ensemble is three bases of 40 steps; the selflabel arm's is the one it shares.
        Assert.Equal("120", rows.Single(r => r[0] == "ensemble" && r[2] == "0")[8]);
        Assert.Equal("40", rows.Single(r => r[0] == "selflabel" && r[2] == "0")[8]);
    }

    /// <summary>A one-round self-label bench of tiny settings for seed 5, every arm from one round 0 of <paramref name="baseSteps"/> steps.</summary>
    private static string[] SelfLabelBench(string output, int baseSteps, params string[] arms) =>
        ["bench", "self-label", "--seeds", "5", "--arms", .. arms, "--minutes", "0",
            "--workflow", Path.Combine(Repository.Workflows, "self-improve-addition-selflabel.yaml"), "--out", output, "--docs", "",
            "-i", $"baseSteps={baseSteps}", "-i", "baseMaxLength=2", "-i", "width=16", "-i", "rounds=1", "-i", "gateItems=16", "-i", "auditItems=16",
            "--plugins", Repository.Plugins, "--workflows", Repository.Workflows];

    public void Dispose() => _temp.Dispose();
}
