using Orchestrator.Cli.Bench;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Tests.Bench;

/// <summary>A bench CSV reads back by column name: what BenchCsv writes, and what it wrote before the compute columns; a file the figure cannot use is named.</summary>
public sealed class BenchCsvReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Reads_back_what_BenchCsv_writes()
    {
        var written = new[]
        {
            new RoundPoint("shipped", 7, 0, 8, 8, true, null, 0, 9000, 561.4, new Dictionary<int, double> { [1] = 1, [9] = 0.5664 }, Gflop: 1234.5, CpuSeconds: 1100.25),
            new RoundPoint("shipped", 7, 1, 9, 10, false, 4.768E-07, 749, 9400, 600, new Dictionary<int, double> { [9] = 0.99 }, Precision: 0.9258, Gflop: 1300, CpuSeconds: 1200),
        };
        var path = _temp.File("self-improve.csv");
        BenchCsv.Write(path, written);

        var read = BenchCsvReader.Read(path);

        Assert.Equal(2, read.Count);
        var (zero, one) = (read[0], read[1]);
        Assert.Equal(("shipped", 7L, 0, 8, 8, true, 9000L, 561.4, 1234.5, 1100.25), (zero.Arm, zero.Seed, zero.Round, zero.Frontier, zero.CandidateFrontier, zero.Promoted, zero.TrainingSteps, zero.WallSeconds, zero.Gflop, zero.CpuSeconds));
        Assert.Equal(0.5664, zero.AccuracyByLength[9]);
        Assert.Null(zero.PValue);
        Assert.Equal((1, 9, 10, false, 749, 0.9258), (one.Round, one.Frontier, one.CandidateFrontier, one.Promoted, one.Kept, one.Precision));
        Assert.Equal(4.768E-07, one.PValue!.Value, 10);
    }

    [Fact]
    public void Reads_a_csv_written_before_the_compute_and_precision_columns()
    {
        // The header of docs/bench/self-improve/self-improve.csv, as the bench wrote it then.
        var path = _temp.Write("old.csv", "arm,seed,round,frontier,candidate_frontier,promoted,p_value,kept,training_steps,wall_seconds,accuracy_by_length\n" +
            "shipped,1,0,2,2,1,,0,1000,31.2,1:1 2:0.9922\nshipped,1,1,3,3,1,4.768E-07,749,1400,54.7,1:1 2:1 3:0.99\n");

        var read = BenchCsvReader.Read(path);

        Assert.Equal([(0, 2, 31.2, 0.0, 0.0), (1, 3, 54.7, 0.0, 0.0)], read.Select(p => (p.Round, p.Frontier, p.WallSeconds, p.Gflop, p.CpuSeconds)));
        Assert.All(read, p => Assert.Null(p.Precision));
    }

    [Fact]
    public void A_missing_file_a_missing_column_no_rows_and_a_bad_value_are_errors_that_name_the_file()
    {
        var missing = _temp.File("absent.csv");
        Assert.Contains(missing, Assert.Throws<RunSetupException>(() => BenchCsvReader.Read(missing)).Message);

        var noWall = _temp.Write("no-wall.csv", "arm,seed,round,frontier,training_steps\nshipped,1,0,8,9000\n");
        var error = Assert.Throws<RunSetupException>(() => BenchCsvReader.Read(noWall)).Message;
        Assert.Contains(noWall, error);
        Assert.Contains("no column 'wall_seconds'", error);

        var headerOnly = _temp.Write("header-only.csv", "arm,seed,round,frontier,wall_seconds\n");
        error = Assert.Throws<RunSetupException>(() => BenchCsvReader.Read(headerOnly)).Message;
        Assert.Contains(headerOnly, error);
        Assert.Contains("no rows", error);

        var empty = _temp.Write("empty.csv", "");
        Assert.Contains(empty, Assert.Throws<RunSetupException>(() => BenchCsvReader.Read(empty)).Message);

        var bad = _temp.Write("bad.csv", "arm,seed,round,frontier,wall_seconds\nshipped,1,0,8,31.2\nshipped,1,1,nine,40\n");
        error = Assert.Throws<RunSetupException>(() => BenchCsvReader.Read(bad)).Message;
        Assert.Contains($"{bad} line 3: column 'frontier' is 'nine'", error);
    }

    public void Dispose() => _temp.Dispose();
}
