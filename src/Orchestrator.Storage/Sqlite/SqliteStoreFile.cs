using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// Opens the store's database file: creates the folder, connects, sets the connection's pragmas and brings
/// the tables up to date. Every way this can fail becomes a <see cref="StoreOpenException"/> that names the path.
/// </summary>
internal static class SqliteStoreFile
{
    public const string FileName = "orchestrator.db";

    // SQLite's primary result codes that say what went wrong with the file itself.
    private const int SqlitePerm = 3, SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteCorrupt = 11,
        SqliteFull = 13, SqliteCantOpen = 14, SqliteAuth = 23, SqliteNotADatabase = 26;

    public static (SqliteConnection Connection, string Path) Open(string directory)
    {
        var folder = CreateFolder(directory);
        var path = Path.Combine(folder, FileName);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // The store owns its one connection for its lifetime; without pooling, disposing it really closes
            // the file, so a test or another tool can move or delete the folder afterwards.
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Configure(connection);
            SqliteMigrator.Migrate(connection, path);
            return (connection, path);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Explain(path, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string CreateFolder(string directory)
    {
        try
        {
            var folder = Path.GetFullPath(directory);
            Directory.CreateDirectory(folder);
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new StoreOpenException(directory,
                $"cannot create the store folder '{directory}': {e.Message} Create it yourself, or use another store folder you can write to.", e);
        }
    }

    private static void Configure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // busy_timeout first, so the pragmas after it wait for another process instead of failing at once.
        // WAL lets readers (a 'runs' listing) work while a run commits; synchronous=NORMAL in WAL mode loses
        // nothing when the process is killed, only possibly the last commits on power loss, and saves an fsync
        // per step. foreign_keys is off by default in SQLite and must be turned on for every connection.
        command.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
        command.ExecuteNonQuery();
    }

    private static StoreOpenException Explain(string path, SqliteException e)
    {
        var reason = e.SqliteErrorCode switch
        {
            SqliteNotADatabase or SqliteCorrupt =>
                $"'{path}' is not an Orchestrator store database, or it is damaged ({e.Message}). " +
                "Move it aside (or restore it from a backup) and a new, empty store is created there; or use another store folder.",
            SqliteBusy or SqliteLocked =>
                $"'{path}' stayed locked by another process for more than 5 s ({e.Message}). " +
                "Wait for the other run or command to finish and try again.",
            SqliteReadOnly or SqlitePerm or SqliteCantOpen or SqliteAuth =>
                $"cannot open '{path}' for writing ({e.Message}): it, or its folder, is read-only (a read-only disk or mount, " +
                "or file permissions), or it is a folder rather than a file. Make it writable (remount the disk read-write, " +
                "fix the permissions), or use another store folder.",
            SqliteFull =>
                $"the disk holding '{path}' is full ({e.Message}). Free some space and try again.",
            _ => $"cannot open the store database '{path}': {e.Message}",
        };
        return new StoreOpenException(path, reason, e);
    }
}
