using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// Brings a store's tables up to <see cref="SqliteMigrations.Latest"/>, all missing migrations in one
/// transaction, and refuses a file written by a newer build rather than misreading it.
/// </summary>
internal static class SqliteMigrator
{
    public static void Migrate(SqliteConnection connection, string path)
    {
        // The common case, an up-to-date file, needs only a read and never takes the write lock.
        if (CheckVersion(connection, null, path) == SqliteMigrations.Latest) return;

        // BEGIN IMMEDIATE: when two processes open a new store at once, the second waits here and then finds
        // the tables already made, instead of running the same migration twice.
        using var transaction = connection.BeginTransaction();
        var current = CheckVersion(connection, transaction, path);
        foreach (var migration in SqliteMigrations.All.Where(m => m.Version > current))
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migration.Sql;
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($version, $description, $applied_at)";
            command.Parameters.AddWithValue("$version", migration.Version);
            command.Parameters.AddWithValue("$description", migration.Description);
            command.Parameters.AddWithValue("$applied_at", SqliteValues.Time(DateTimeOffset.UtcNow));
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static int CheckVersion(SqliteConnection connection, SqliteTransaction? transaction, string path)
    {
        var version = ReadVersion(connection, transaction, path);
        if (version > SqliteMigrations.Latest)
            throw new StoreOpenException(path,
                $"the store '{path}' has table schema version {version}, but this build of Orchestrator knows versions up to {SqliteMigrations.Latest}: " +
                "a newer Orchestrator wrote it. Use that newer Orchestrator (or later), or another store folder; do not edit the file by hand.");
        return version;
    }

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction, string path)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            // No version table: a new, empty file, or somebody else's database that we must not write into.
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'";
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
                throw new StoreOpenException(path,
                    $"'{path}' is a SQLite database but not an Orchestrator store (it has tables but no schema_version). " +
                    "Move it aside, or use another store folder.");
            return 0;
        }
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
