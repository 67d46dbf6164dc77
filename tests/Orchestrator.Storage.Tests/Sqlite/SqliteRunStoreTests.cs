using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Orchestrator.Storage.Sqlite;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Sqlite;

/// <summary>What only the SQLite run store can show: its file as other connections see it, and its lifetime.</summary>
public sealed class SqliteRunStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _temp = new();
    private readonly SqliteRunStore _store;

    public SqliteRunStoreTests() => _store = new SqliteRunStore(_temp.Store);

    public Task InitializeAsync() => _store.CreateRunAsync(Records.Run(), None);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Commit_is_rolled_back_whole_when_the_step_write_fails()
    {
        await _store.CommitStepAsync("run-1", Records.Succeeded("a"), new JsonObject { ["v"] = 1 }, Records.T0, None);
        // The run row is updated first, then the step row: make the step write fail after the run's has succeeded.
        RawSqlite.Execute(_temp.DatabaseFile, "CREATE TRIGGER refuse_boom BEFORE INSERT ON steps WHEN NEW.key = 'boom' BEGIN SELECT RAISE(ABORT, 'refused by test'); END;");

        await Assert.ThrowsAsync<SqliteException>(() =>
            _store.CommitStepAsync("run-1", Records.Succeeded("boom"), new JsonObject { ["v"] = 2 }, Records.T0.AddHours(1), None));

        var run = await _store.FindRunAsync("run-1", None);
        Same.Json(new JsonObject { ["v"] = 1 }, run!.State);
        Assert.Equal("a", run.Position);
        Assert.Equal(1, run.StepsCommitted);
        Assert.Equal(Records.T0, run.UpdatedAt);
        Assert.Equal(["a"], (await _store.GetStepsAsync("run-1", None)).Select(s => s.Key));

        // The failed transaction left nothing open: the next commit goes through.
        await _store.CommitStepAsync("run-1", Records.Succeeded("b"), new JsonObject { ["v"] = 3 }, Records.T0, None);
        Assert.Equal(2, (await _store.FindRunAsync("run-1", None))!.StepsCommitted);
    }

    [Fact]
    public async Task Another_connection_sees_each_commit_as_soon_as_it_returns()
    {
        await _store.CommitStepAsync("run-1", Records.Succeeded("a"), new JsonObject(), Records.T0, None);

        Assert.Equal(1L, RawSqlite.Scalar(_temp.DatabaseFile, "SELECT steps_committed FROM runs WHERE id = 'run-1'"));
        Assert.Equal("a", RawSqlite.Scalar(_temp.DatabaseFile, "SELECT position FROM runs WHERE id = 'run-1'"));
    }

    [Fact]
    public async Task Calls_after_dispose_throw_ObjectDisposedException()
    {
        _store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.FindRunAsync("run-1", None));
    }
}
