using Microsoft.Data.Sqlite;
using Npgsql;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Storage.Postgres;

namespace Orchestrator.Storage;

/// <summary>
/// Recognises the ways an open store fails under a command (a full or read-only disk, a damaged file, a PostgreSQL
/// server that went away) and turns them into a <see cref="StoreUnavailableException"/> that names the store and
/// says what to do. Errors about what was asked (a constraint, a missing row) are not store failures and pass through.
/// </summary>
public static class StoreFailures
{
    // SQLite's primary result codes for the file itself (https://sqlite.org/rescode.html).
    private const int SqlitePerm = 3, SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoErr = 10, SqliteCorrupt = 11,
        SqliteFull = 13, SqliteCantOpen = 14, SqliteNotADatabase = 26;

    // errno values Linux reports through IOException.HResult (its low 16 bits) for these conditions.
    private const int NoSpace = 28, ReadOnlyFileSystem = 30, QuotaExceeded = 122;

    /// <summary>What to do once the store is healthy again: the same for every failure, so it is said once.</summary>
    public const string Recovery = "Nothing committed is lost: once that is fixed, 'orchestrator resume RUN' continues a run from its last committed step.";

    /// <summary>The store failure <paramref name="e"/> (or an exception inside it) is, or null when it is something else.</summary>
    public static StoreUnavailableException? Recognise(Exception e, string store)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case StoreUnavailableException known:
                    return known;
                case SqliteException sqlite when Sqlite(sqlite, store) is { } failure:
                    return failure;
                case PostgresException postgres:
                    return Postgres(postgres, store);
                case NpgsqlException npgsql:
                    return Unavailable(store, $"lost the connection to the PostgreSQL store {store} ({npgsql.Message}). Start the server again (or check the network).", e);
                case IOException io when (io.HResult & 0xFFFF) is NoSpace or QuotaExceeded:
                    return Unavailable(store, $"no space left on the disk holding the store {store} ({io.Message}). Free some space there, or move the store.", e);
                case IOException io when (io.HResult & 0xFFFF) is ReadOnlyFileSystem:
                    return Unavailable(store, $"the store {store} is on a read-only file system ({io.Message}). Remount it read-write, or use another store folder.", e);
            }
        }
        return null;
    }

    /// <summary>The store failure a SQLite error is, naming the database file; null for errors that are not about the file.</summary>
    internal static StoreUnavailableException? Sqlite(SqliteException e, string databasePath) => e.SqliteErrorCode switch
    {
        SqliteFull => Unavailable(databasePath,
            $"no space left on the disk holding the store {databasePath} ({e.Message}). Free some space there, or move the store.", e),
        SqliteReadOnly or SqlitePerm or SqliteCantOpen => Unavailable(databasePath,
            $"the store {databasePath} cannot be written: it is read-only, or this user may not write it ({e.Message}). " +
            "Make the file and its folder writable (remount the disk read-write, fix the permissions), or use another store folder.", e),
        SqliteCorrupt or SqliteNotADatabase => Damaged(databasePath,
            $"the store database {databasePath} is damaged ({e.Message}); nothing was used from the damaged part. " +
            "Restore it from a backup (sqlite3's '.recover' may save what is intact), or move it aside to start an empty store.", e),
        SqliteIoErr => Unavailable(databasePath,
            $"reading or writing the store {databasePath} failed ({e.Message}). Check the disk it is on (dmesg shows device errors).", e),
        SqliteBusy or SqliteLocked => Unavailable(databasePath,
            $"the store {databasePath} stayed locked by another process for more than 5 s ({e.Message}). Wait for the other command to finish.", e),
        _ => null,
    };

    private static StoreUnavailableException? Postgres(PostgresException e, string store) => e.SqlState switch
    {
        // Class 08 (connection exception) and 57P (the server shut down or is starting): the server, not the request.
        var state when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal) =>
            Unavailable(store, $"lost the connection to the PostgreSQL store {store}: {e.MessageText} ({e.SqlState}). Start the server again, or wait for it to finish starting.", e),
        PostgresErrorCodes.DiskFull or PostgresErrorCodes.InsufficientResources or PostgresErrorCodes.OutOfMemory =>
            Unavailable(store, $"no space left on the PostgreSQL server of the store {store}: {e.MessageText} ({e.SqlState}). Free space on the server's disk.", e),
        PostgresErrorCodes.ReadOnlySqlTransaction =>
            Unavailable(store, $"the PostgreSQL store {store} is read-only: {e.MessageText} ({e.SqlState}). Point the store at the primary server, not a standby.", e),
        PostgresErrorCodes.DataCorrupted or PostgresErrorCodes.IndexCorrupted =>
            Damaged(store, $"the PostgreSQL store {store} reports damaged data: {e.MessageText} ({e.SqlState}). Restore the database from a backup.", e),
        _ => null,
    };

    /// <summary>How a store location is named in messages: a folder's full path, or a PostgreSQL URL with its password hidden.</summary>
    public static string Describe(string location)
    {
        if (!StoreFactory.IsPostgres(location)) return Path.GetFullPath(location);
        try
        {
            return PostgresConnectionString.Describe(PostgresConnectionString.Parse(location));
        }
        catch (ArgumentException)
        {
            return "(the PostgreSQL store)";
        }
    }

    private static StoreUnavailableException Unavailable(string store, string message, Exception e) => new(store, $"{message} {Recovery}", e);

    // Damage is the one failure after which what was committed may not all be there: no promise of a clean resume.
    private static StoreUnavailableException Damaged(string store, string message, Exception e) => new(store, message, e);
}
