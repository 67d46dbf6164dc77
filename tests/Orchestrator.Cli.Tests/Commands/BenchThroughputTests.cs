using System.Text.RegularExpressions;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary><c>bench throughput</c> on a tiny shape: one row per bucket and worker count, with the workers really used.</summary>
public sealed class BenchThroughputTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Prints_one_row_per_worker_count_capped_at_the_buckets_with_a_positive_rate()
    {
        var result = await CliProcess.RunAsync(_temp.Path, "bench", "throughput", "--width", "16", "--layers", "1", "--batch", "8",
            "--buckets", "1", "2", "--workers", "1", "3", "--digits", "2", "--steps", "3");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        // Rows: width | layers | params | digits | batch | buckets | workers | ms/step | tokens/s | model GFLOP/s | of matmul.
        var rows = result.Stdout.Split('\n').Where(line => Regex.IsMatch(line, @"^│ 16 ")).ToList();
        Assert.Equal(4, rows.Count);
        var cells = rows.Select(row => row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        // A step cannot use more workers than it has buckets: 3 asked for, 1 or 2 used.
        Assert.Equal(["1/1", "1/1", "2/1", "2/2"], cells.Select(c => $"{c[5]}/{c[6]}").ToArray());
        Assert.All(cells, c => Assert.True(double.Parse(c[8].Replace(",", "")) > 0, string.Join(" | ", c)));
    }

    public void Dispose() => _temp.Dispose();
}
