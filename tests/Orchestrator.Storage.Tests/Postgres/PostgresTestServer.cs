using Npgsql;

namespace Orchestrator.Storage.Tests.Postgres;

/// <summary>
/// The real PostgreSQL server the tests use, named by <c>ORCHESTRATOR_TEST_POSTGRES</c> (an Npgsql connection
/// string whose role may create databases). Without it the PostgreSQL tests fail, never skip: a green run
/// must mean the PostgreSQL store was tested.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "ORCHESTRATOR_TEST_POSTGRES";

    /// <summary>The server's connection string.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set; the message says how to set it.</exception>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL store cannot be tested: run ./test.sh, which starts a throwaway PostgreSQL, " +
                $"or set {Variable} to the Npgsql connection string of a server whose role may create databases " +
                "(e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=…;Database=postgres).");

    /// <summary>The server's connection string pointed at another database.</summary>
    public static string ForDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    public static async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // FORCE: a connection a failed test left open in some pool must not keep the database alive.
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A database name no other test uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 63)];
}
