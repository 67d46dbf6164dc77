using Orchestrator.Cli.Bench;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary><c>bench figure</c> as a user runs it: the PNG is written and the table printed; a bad file is an input error that names it.</summary>
public sealed class BenchFigureTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Writes_the_figure_and_prints_the_table_on_stdout()
    {
        var csv = _temp.File("self-improve.csv");
        BenchCsv.Write(csv,
        [
            new RoundPoint("shipped", 1, 0, 8, 8, true, null, 0, 9000, 300, new Dictionary<int, double>()),
            new RoundPoint("shipped", 1, 1, 9, 9, true, 1e-9, 800, 9400, 420, new Dictionary<int, double>()),
        ]);
        var png = Path.Combine(_temp.Path, "out", "reach.png");

        var result = await CliProcess.RunAsync(_temp.Path, "bench", "figure", "--csv", csv, "--out", png, "--title", "Reach");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("| self-improve | shipped | 1 | 9 | 9 | 7.0 |", result.Stdout);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(png))[..4]);
    }

    [Fact]
    public async Task A_missing_file_or_column_exits_2_naming_the_file_and_column()
    {
        var absent = _temp.File("absent.csv");
        var missing = await CliProcess.RunAsync(_temp.Path, "bench", "figure", "--csv", absent, "--out", _temp.File("a.png"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"error: no bench CSV at {absent}", missing.Stderr);

        var noWall = _temp.Write("rounds.csv", "arm,seed,round,frontier\nshipped,1,0,8\n");
        var column = await CliProcess.RunAsync(_temp.Path, "bench", "figure", "--csv", noWall, "--out", _temp.File("b.png"));
        Assert.Equal(2, column.ExitCode);
        Assert.Contains($"{noWall} has no column 'wall_seconds'", column.Stderr);
        Assert.False(File.Exists(_temp.File("b.png")));
    }

    public void Dispose() => _temp.Dispose();
}
