using Npgsql;

namespace Orchestrator.Storage.Postgres;

/// <summary>
/// Transaction-scoped advisory locks that serialise writers across processes: released by PostgreSQL itself at
/// commit or rollback, also when a process dies. Each lock is (purpose, hashtext(name)); a hash collision only
/// makes two unrelated writers wait for each other, never lets two of the same name through at once.
/// </summary>
internal static class PostgresLocks
{
    // The one-bigint key space, which does not overlap the two-integer one used below.
    private const long MigrationKey = 0x4F72636865737472; // "Orchestr"

    private const int PublishDefinition = 1, RegisterModel = 2, MoveAlias = 3;

    public static Task MigrationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, PostgresParameters.Long("key", MigrationKey));

    /// <summary>Publishers of one definition id take turns, so two never pick the same next version.</summary>
    public static Task DefinitionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string definitionId, CancellationToken cancellationToken) =>
        NamedAsync(connection, transaction, PublishDefinition, definitionId, cancellationToken);

    /// <summary>Registrations of one model take turns, so two never pick the same next version.</summary>
    public static Task ModelAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken) =>
        NamedAsync(connection, transaction, RegisterModel, name, cancellationToken);

    /// <summary>
    /// Moves of one alias take turns. A row lock (SELECT … FOR UPDATE) cannot do this alone: an alias that is
    /// not set yet has no row to lock, and two first moves would both append journal entry 1.
    /// </summary>
    public static Task AliasAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string kind, string subject, string alias, CancellationToken cancellationToken) =>
        NamedAsync(connection, transaction, MoveAlias, $"{kind}\n{subject}\n{alias}", cancellationToken);

    private static Task NamedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int purpose, string name, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@purpose, hashtext(@name))", cancellationToken,
            PostgresParameters.Int("purpose", purpose), PostgresParameters.Text("name", name));

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
