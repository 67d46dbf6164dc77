using Microsoft.Data.Sqlite;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Versioning;
using Orchestrator.Storage.Sqlite;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Sqlite;

/// <summary>
/// A publish or a promotion that dies half-way leaves the store as it was before it. Two ways to die: a
/// write inside the store's own transaction fails (a trigger refuses it), and a writer's connection goes
/// away mid-transaction without committing, as when its process is killed.
/// </summary>
public sealed class SqliteVersioningCrashTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Current = IDefinitionStore.CurrentAlias;
    private readonly TempDirectory _temp = new();
    private SqliteDefinitionStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteDefinitionStore(_temp.Store);
        await _store.PublishAsync(Samples.Publish("a", 1), None);
        await _store.PublishAsync(Samples.Publish("a", 2), None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_publish_whose_journal_entry_fails_stores_no_version_and_moves_nothing()
    {
        // The version row is written first, then the alias, then its journal entry: fail the last one.
        RawSqlite.Execute(_temp.DatabaseFile, "CREATE TRIGGER refuse BEFORE INSERT ON alias_moves BEGIN SELECT RAISE(ABORT, 'refused by test'); END;");

        await Assert.ThrowsAsync<SqliteException>(() => _store.PublishAsync(Samples.Publish("a", 3), None));

        await AssertUnchangedAsync(_store);
        RawSqlite.Execute(_temp.DatabaseFile, "DROP TRIGGER refuse");
        Assert.Equal(3, (await _store.PublishAsync(Samples.Publish("a", 3), None)).Version.Version);
    }

    [Fact]
    public async Task An_alias_move_whose_journal_entry_fails_leaves_the_alias_where_it_was()
    {
        RawSqlite.Execute(_temp.DatabaseFile, "CREATE TRIGGER refuse BEFORE INSERT ON alias_moves BEGIN SELECT RAISE(ABORT, 'refused by test'); END;");

        await Assert.ThrowsAsync<SqliteException>(() => _store.MoveAliasAsync(new AliasMoveRequest("a", Current, 1, "x", "rollback"), None));

        await AssertUnchangedAsync(_store);
    }

    [Fact]
    public async Task A_publish_abandoned_mid_transaction_leaves_no_trace_and_blocks_no_one_afterwards()
    {
        // What a killed publisher leaves: a transaction holding the write lock with half its rows written.
        using (var killed = RawSqlite.Open(_temp.DatabaseFile))
        {
            Execute(killed, "BEGIN IMMEDIATE");
            Execute(killed,
                "INSERT INTO definition_versions (definition_id, version, content_hash, document, status, parent_version, author, reason, created_at) " +
                "VALUES ('a', 3, 'sha256:half', '{}', 'published', 2, 'killed', 'crash', '2025-01-01T00:00:00.0000000Z')");
            Execute(killed, "UPDATE aliases SET version = 3 WHERE kind = 'definition' AND subject = 'a' AND alias = 'current'");

            // Meanwhile readers see the last committed state (WAL), not the half-written one.
            await AssertUnchangedAsync(_store);
        }

        await using var reopened = new SqliteDefinitionStore(_temp.Store);
        await AssertUnchangedAsync(reopened);
        var next = await reopened.PublishAsync(Samples.Publish("a", 3), None);
        Assert.Equal((3, 2), (next.Version.Version, next.Version.ParentVersion));
    }

    [Fact]
    public async Task A_promotion_abandoned_mid_transaction_leaves_no_trace()
    {
        using (var killed = RawSqlite.Open(_temp.DatabaseFile))
        {
            Execute(killed, "BEGIN IMMEDIATE");
            Execute(killed,
                "INSERT INTO alias_moves (kind, subject, alias, sequence, from_version, to_version, at, \"by\", reason, evidence) " +
                "VALUES ('definition', 'a', 'current', 3, 2, 1, '2025-01-01T00:00:00.0000000Z', 'killed', 'crash', NULL)");
        }

        await using var reopened = new SqliteDefinitionStore(_temp.Store);
        await AssertUnchangedAsync(reopened);
        var move = await reopened.MoveAliasAsync(new AliasMoveRequest("a", Current, 1, "carol", "rollback"), None);
        Assert.Equal((2, 1, 3L), (move.From, move.To, move.Sequence));
    }

    private static async Task AssertUnchangedAsync(IDefinitionStore store)
    {
        Assert.Equal([1, 2], (await store.ListVersionsAsync("a", None)).Select(v => v.Version));
        Assert.Equal(2, await store.GetAliasAsync("a", Current, None));
        JournalAssert.IsChain(await store.GetAliasHistoryAsync("a", Current, None), 2, 2);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
