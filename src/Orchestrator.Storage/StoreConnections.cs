using System.Data.Common;
using Npgsql;
using Orchestrator.Storage.Sqlite;

namespace Orchestrator.Storage;

/// <summary>
/// One transaction on a store's database, for the tables whose code both backends share (schedules, dispatched
/// attempts). The work itself is plain ADO.NET and synchronous: these tables see a few statements per call.
/// </summary>
internal abstract class StoreConnections : IDisposable
{
    public abstract Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, T> work, CancellationToken cancellationToken);

    public virtual void Dispose()
    {
    }

    public static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}

/// <summary>The store folder's SQLite file through a connection of its own (see <see cref="SqliteSession"/>); BEGIN IMMEDIATE.</summary>
internal sealed class SqliteConnections(string directory) : StoreConnections
{
    private readonly SqliteSession _session = SqliteSession.Open(directory);

    public override Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, T> work, CancellationToken cancellationToken) =>
        _session.UseAsync(this, () =>
        {
            using var transaction = _session.Connection.BeginTransaction(deferred: false);
            var result = work(_session.Connection, transaction);
            transaction.Commit();
            return result;
        }, cancellationToken);

    public override void Dispose() => _session.Dispose();
}

/// <summary>A pooled PostgreSQL connection per call, in one read-committed transaction.</summary>
internal sealed class PostgresConnections(NpgsqlDataSource source, string target) : StoreConnections
{
    public override async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, T> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = work(connection, transaction);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (NpgsqlException e) when (StoreFailures.Recognise(e, target) is { } failure)
        {
            throw failure;
        }
    }
}
