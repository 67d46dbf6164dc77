using Microsoft.Data.Sqlite;
using Orchestrator.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// A page of the SQLite store damaged under an interrupted run: the command that next reads it stops with an error
/// naming the database file as damaged, never resuming from what it could not read.
/// </summary>
public sealed class DamagedStoreTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_damaged_page_of_the_step_journal_stops_resume_naming_the_database_and_nothing_runs()
    {
        using var temp = new TempFolder();
        var file = temp.Write("store-fault.yaml", StoreFaultRun.Definition);
        var store = temp.File("store");
        await StoreFaultRun.RunAndKillAsync(StoreFaultRun.Start(file, store, temp.Path), steps: 4);
        var database = Path.Combine(store, "orchestrator.db");
        DamagePage(database, table: "steps");
        var auditBefore = StoreFaultRun.Audited(temp.Path).Length;

        var resumed = await CliProcess.RunAsync(temp.Path, StoreFaultRun.Resume(store));
        var shown = await CliProcess.RunAsync(temp.Path, CliProcess.With(store, "show", StoreFaultRun.RunId));
        output.WriteLine(resumed.Stderr);
        output.WriteLine(shown.Stderr);

        foreach (var result in new[] { resumed, shown })
        {
            Assert.True(result.ExitCode is 2 or 74, $"exit {result.ExitCode}:\n{result.Stdout}{result.Stderr}");
            Assert.Contains(database, result.Stderr);
            Assert.Contains("damaged", result.Stderr);
            Assert.DoesNotContain("internal error", result.Stderr);
        }
        Assert.Equal(auditBefore, StoreFaultRun.Audited(temp.Path).Length);
    }

    /// <summary>
    /// Folds the write-ahead log into the file first (a killed process leaves its last commits there, and SQLite would
    /// read the log's copy of a page instead of the damaged one), then overwrites the b-tree header of the table's root page.
    /// </summary>
    private static void DamagePage(string database, string table)
    {
        long pageSize, rootPage;
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); ";
            command.ExecuteNonQuery();
            command.CommandText = "PRAGMA page_size";
            pageSize = (long)command.ExecuteScalar()!;
            command.CommandText = "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = $name";
            command.Parameters.AddWithValue("$name", table);
            rootPage = (long)command.ExecuteScalar()!;
        }
        Assert.True(rootPage > 1, $"the {table} table's root page is {rootPage}");
        using var stream = new FileStream(database, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = (rootPage - 1) * pageSize;
        // Byte 0 is the page type (2, 5, 10 or 13); 0xFF is none of them, and the cell count after it is nonsense too.
        stream.Write([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
    }
}
