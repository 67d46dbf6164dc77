using System.Text.RegularExpressions;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary><c>bench sampling</c> on a tiny shape: one row per configuration, with a measured rate.</summary>
public sealed class BenchSamplingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Prints_one_row_per_width_length_and_temperature_with_a_positive_rate()
    {
        var result = await CliProcess.RunAsync(_temp.Path, "bench", "sampling", "--width", "16", "--digits", "2", "5",
            "--temperature", "0", "0.8", "--prompts", "24", "--batch", "8", "--repeats", "1");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        // Rows: width | params | digits | prompts | batch | rounds | temperature | answers | tokens/s | s per 1,000 | GFLOP/s | of matmul.
        var rows = result.Stdout.Split('\n').Where(line => Regex.IsMatch(line, @"^│ 16 ")).ToList();
        Assert.Equal(4, rows.Count);
        foreach (var row in rows)
        {
            var cells = row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal("24", cells[3]);
            Assert.Equal("8", cells[4]);
            Assert.Equal("24", cells[7]);
            Assert.True(double.Parse(cells[8].Replace(",", "")) > 0, row);
            Assert.True(double.Parse(cells[10]) > 0, row);
        }

        Assert.Contains(rows, row => row.Contains("│ 5 ") && row.Contains("│ 0.8 "));
    }

    [Fact]
    public async Task A_rounds_shape_answers_every_prompt_once_per_round_across_its_lengths()
    {
        var result = await CliProcess.RunAsync(_temp.Path, "bench", "sampling", "--width", "16", "--digits", "3", "--span", "3",
            "--rounds", "4", "--temperature", "0.8", "--prompts", "30", "--batch", "32", "--repeats", "1");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var cells = result.Stdout.Split('\n').Single(line => Regex.IsMatch(line, @"^│ 16 "))
            .Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("3-5", cells[2]);
        Assert.Equal("4", cells[5]);
        Assert.Equal("120", cells[7]);
        Assert.Contains("fp32 matmul", result.Stdout);
    }

    public void Dispose() => _temp.Dispose();
}
