using Orchestrator.Cli.Bench;
using Orchestrator.Cli.Commands.Bench;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Tests.Bench;

/// <summary>Several bench CSVs on one figure: one curve per suite and arm, a PNG, the table's medians, and errors that name what is wrong.</summary>
public sealed class ReachComparisonTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Draws_one_png_for_every_suite_and_arm_and_tables_their_medians()
    {
        var (selfImprove, selfLabel) = WriteTwoBenches();
        var png = _temp.File(Path.Combine("figures", "reach.png"));

        var table = ReachComparison.Write([ReachComparison.Source.Parse(selfImprove), ReachComparison.Source.Parse(selfLabel)], [], png, "Reach");

        AssertPng(png);
        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("| suite | arm | seeds | median final frontier | min final frontier | median minutes |", rows[0]);
        Assert.Equal(
        [
            "| self-improve | shipped | 3 | 12 | 9 | 20.0 |",
            "| self-improve | round0-only | 2 | 8.5 | 8 | 15.0 |",
            "| self-label | ensemble | 2 | 10.5 | 10 | 12.5 |",
            "| self-label | no-filter | 1 | 8 | 8 | 10.0 |",
        ], rows[2..]);
    }

    [Fact]
    public void Arms_are_chosen_by_name_or_suite_and_name_and_a_named_suite_tells_two_runs_of_one_bench_apart()
    {
        var (selfImprove, selfLabel) = WriteTwoBenches();

        var curves = ReachComparison.Curves([ReachComparison.Source.Parse(selfImprove), ReachComparison.Source.Parse(selfLabel)], ["shipped", "self-label/no-filter"]);
        Assert.Equal([("self-improve", "shipped", false), ("self-label", "no-filter", true)], curves.Select(c => (c.Suite, c.Arm, c.IsControl)));

        var again = ReachComparison.Curves([ReachComparison.Source.Parse(selfLabel), ReachComparison.Source.Parse("rerun=" + selfLabel)], ["ensemble"]);
        Assert.Equal(["self-label", "rerun"], again.Select(c => c.Suite));
    }

    [Fact]
    public void An_unknown_arm_and_the_same_seed_in_two_files_of_one_suite_are_errors()
    {
        var (selfImprove, selfLabel) = WriteTwoBenches();
        var copy = _temp.File(Path.Combine("copy", "self-label.csv"));
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(selfLabel, copy);

        var unknown = Assert.Throws<RunSetupException>(() => ReachComparison.Curves([ReachComparison.Source.Parse(selfImprove)], ["ensemble"])).Message;
        Assert.Contains("no arm 'ensemble'", unknown);
        Assert.Contains("self-improve/shipped", unknown);

        var twice = Assert.Throws<RunSetupException>(() => ReachComparison.Curves([ReachComparison.Source.Parse(selfLabel), ReachComparison.Source.Parse(copy)], [])).Message;
        Assert.Contains(selfLabel, twice);
        Assert.Contains(copy, twice);
    }

    [Fact]
    public void A_csv_without_the_needed_columns_names_the_file_and_the_column()
    {
        var (selfImprove, _) = WriteTwoBenches();
        var handMade = _temp.Write("controls.csv", "arm,evaluator,seed,round,lengths,frontier\nround0-only,keep-none,1,0,1-8,8\n");

        var error = Assert.Throws<RunSetupException>(() => ReachComparison.Write([ReachComparison.Source.Parse(selfImprove), ReachComparison.Source.Parse(handMade)], [], _temp.File("x.png"), "x")).Message;

        Assert.Contains(handMade, error);
        Assert.Contains("'wall_seconds'", error);
        Assert.False(File.Exists(_temp.File("x.png")));
    }

    [Fact]
    public void The_self_improve_csv_in_the_repository_reads_and_draws()
    {
        var csv = Path.Combine(Repository.Root, "docs", "bench", "self-improve", "self-improve.csv");
        if (!File.Exists(csv)) return; // nothing measured yet in this checkout
        var png = _temp.File("repository.png");

        var table = ReachComparison.Write([ReachComparison.Source.Parse(csv)], [], png, FigureCommand.DefaultTitle);

        AssertPng(png);
        Assert.Contains("| self-improve | shipped |", table);
    }

    /// <summary>
    /// Two benches as BenchCsv writes them. Self-improve: shipped ends at 12, 9, 12 after 10, 20, 25 minutes; round0-only
    /// at 8 and 9 after 15 and 15. Self-label: ensemble ends at 11 and 10 after 10 and 15 minutes; no-filter at 8 after 10.
    /// </summary>
    private (string SelfImprove, string SelfLabel) WriteTwoBenches()
    {
        var selfImprove = _temp.File("self-improve.csv");
        BenchCsv.Write(selfImprove,
        [
            .. Run("shipped", 1, (5, 8), (10, 12)), .. Run("shipped", 2, (6, 8), (20, 9)), .. Run("shipped", 3, (4, 8), (12, 10), (25, 12)),
            .. Run("round0-only", 1, (5, 8), (15, 8)), .. Run("round0-only", 2, (5, 8), (15, 9)),
        ]);
        var selfLabel = _temp.File("self-label.csv");
        BenchCsv.Write(selfLabel,
        [
            .. Run("ensemble", 1, (5, 8), (10, 11)), .. Run("ensemble", 2, (5, 8), (15, 10)),
            .. Run("no-filter", 1, (5, 8), (10, 8)),
        ]);
        return (selfImprove, selfLabel);
    }

    private static IEnumerable<RoundPoint> Run(string arm, long seed, params (double Minutes, int Frontier)[] rounds) =>
        rounds.Select((r, i) => new RoundPoint(arm, seed, i, r.Frontier, r.Frontier, true, null, 100 * i, 9000 + 400 * i, r.Minutes * 60,
            new Dictionary<int, double> { [r.Frontier] = 0.99 }, Gflop: 1000 + i, CpuSeconds: r.Minutes * 100));

    /// <summary>A PNG file: its signature, an IHDR chunk with the figure's size, and more than a blank image's bytes.</summary>
    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)) > 0 && System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)) > 0);
    }

    public void Dispose() => _temp.Dispose();
}
