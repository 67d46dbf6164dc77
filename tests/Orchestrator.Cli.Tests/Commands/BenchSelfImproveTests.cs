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

    public void Dispose() => _temp.Dispose();
}
