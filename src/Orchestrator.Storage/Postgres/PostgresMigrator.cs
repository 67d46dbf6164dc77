using Npgsql;

namespace Orchestrator.Storage.Postgres;

/// <summary>
/// Brings a database's tables up to <see cref="PostgresMigrations.Latest"/>, all missing migrations in one
/// transaction (PostgreSQL's DDL is transactional), and refuses a database written by a newer build.
/// </summary>
internal static class PostgresMigrator
{
    // The tables an Orchestrator store makes: finding any of them without schema_version means the database
    // holds something else of that name, which we must not write into.
    private static readonly string[] OwnTables = ["runs", "steps", "definition_versions", "model_versions", "aliases", "alias_moves"];

    private const string VersionTable = "schema_version";

    public static async Task MigrateAsync(NpgsqlDataSource source, string target, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // The common case, an up-to-date database, needs only a read and takes no lock.
        if (await CheckVersionAsync(connection, null, target, cancellationToken).ConfigureAwait(false) == PostgresMigrations.Latest) return;

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // When two processes open a new store at once, the second waits here until the first commits, and then
        // (each statement sees what was committed before it began) finds the tables made instead of making them again.
        await PostgresLocks.MigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var current = await CheckVersionAsync(connection, transaction, target, cancellationToken).ConfigureAwait(false);
        foreach (var migration in PostgresMigrations.All.Where(m => m.Version > current))
        {
            await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction))
                await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @applied_at)", connection, transaction);
            record.Parameters.Add(PostgresParameters.Int("version", migration.Version));
            record.Parameters.Add(PostgresParameters.Text("description", migration.Description));
            record.Parameters.Add(PostgresParameters.Time("applied_at", DateTimeOffset.UtcNow));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> CheckVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string target, CancellationToken cancellationToken)
    {
        var version = await ReadVersionAsync(connection, transaction, target, cancellationToken).ConfigureAwait(false);
        if (version > PostgresMigrations.Latest)
            throw new StoreOpenException(target,
                $"the PostgreSQL store {target} has table schema version {version}, but this build of Orchestrator knows versions up to {PostgresMigrations.Latest}: " +
                "a newer Orchestrator wrote it. Use that newer Orchestrator (or later), or another database; do not edit the tables by hand.");
        return version;
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string target, CancellationToken cancellationToken)
    {
        // Tables live in the connection's current schema (public unless the connection string's Search Path says
        // otherwise). pg_tables, not to_regclass: a catalog scan sees what was committed before this statement,
        // where to_regclass may answer from the session's cache of an earlier "no such table".
        await using var command = new NpgsqlCommand(
            "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = ANY(@names) ORDER BY tablename",
            connection, transaction);
        command.Parameters.Add(PostgresParameters.TextArray("names", [VersionTable, .. OwnTables]));
        var found = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) found.Add(reader.GetString(0));

        if (!found.Remove(VersionTable))
        {
            // Only under the lock can other tables mean somebody else's: outside it, another process may be
            // committing its migration while we look, and its fresh tables would seem to have no schema_version.
            if (found.Count > 0 && transaction is not null)
                throw new StoreOpenException(target,
                    $"the database of {target} has tables named {string.Join(", ", found)} but no schema_version table: it is not an Orchestrator store, and they are left untouched. " +
                    "Use another database, or another schema (Search Path=… in the connection string).");
            return 0;
        }
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        command.Parameters.Clear();
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
