using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// One store instance's connection to the database file, used by one caller at a time, with the statements
/// prepared on it. Every SQLite store (runs, definitions, the registry) owns one: instances never share a
/// connection, so several of them on one folder behave like several processes and SQLite's file lock (with
/// the busy timeout) serialises their writes.
/// </summary>
internal sealed partial class SqliteSession : IDisposable, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<SqliteCommand> _prepared = [];
    private bool _disposed;

    private SqliteSession(SqliteConnection connection, string databasePath)
    {
        Connection = connection;
        DatabasePath = databasePath;
    }

    public SqliteConnection Connection { get; }

    public string DatabasePath { get; }

    /// <summary>Opens (creating and migrating when needed) the database in a store folder.</summary>
    /// <exception cref="StoreOpenException">The folder or its database cannot be used.</exception>
    public static SqliteSession Open(string directory)
    {
        var (connection, path) = SqliteStoreFile.Open(directory);
        return new SqliteSession(connection, path);
    }

    /// <summary>Compiles a statement once, for every later call to bind values and step it.</summary>
    public SqliteCommand Prepare(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        // The parameters are taken from the SQL itself, so a statement and its parameter list cannot drift apart;
        // the binders then only set values, and a misspelt name fails on the first call rather than binding NULL.
        foreach (var name in ParameterName().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        _prepared.Add(command);
        return command;
    }

    // Microsoft.Data.Sqlite's async methods run synchronously anyway; the gate is what is awaited, so callers
    // queued behind a slow write (another process holding the lock) do not block threads while they wait.
    public async Task<T> UseAsync<T>(object owner, Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, owner);
            return work();
        }
        catch (SqliteException e) when (StoreFailures.Sqlite(e, DatabasePath) is { } failure)
        {
            // The file failed, not the request (a full or read-only disk, a damaged page): say which file and what to do.
            throw failure;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> (inside <see cref="UseAsync{T}"/>) in one write transaction, committed when
    /// it returns and rolled back when it throws. The transaction begins IMMEDIATE: it takes the write lock
    /// before its first read, so two connections that read-then-write (the next version number, an alias's
    /// holder) queue behind each other instead of both reading the same value.
    /// </summary>
    public T InTransaction<T>(Func<T> work)
    {
        using var transaction = Connection.BeginTransaction(deferred: false);
        Enlist(transaction);
        try
        {
            var result = work();
            transaction.Commit();
            return result;
        }
        finally
        {
            // Disposing an uncommitted transaction rolls it back: everything in it happens together or not at all.
            Enlist(null);
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            Close();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits (without blocking a thread) for the call in progress, then closes.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Close();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Close()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var command in _prepared) command.Dispose();
        _prepared.Clear();
        Connection.Dispose();
    }

    // Microsoft.Data.Sqlite refuses a command whose Transaction is not the connection's open one.
    private void Enlist(SqliteTransaction? transaction)
    {
        foreach (var command in _prepared) command.Transaction = transaction;
    }

    [GeneratedRegex(@"\$[a-z_]+")]
    private static partial Regex ParameterName();
}
