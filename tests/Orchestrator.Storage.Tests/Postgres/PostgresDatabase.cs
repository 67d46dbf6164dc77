using Npgsql;

namespace Orchestrator.Storage.Tests.Postgres;

/// <summary>
/// A fresh database on the test server for one test class (an xunit class fixture), dropped when the class is
/// done, with plain SQL access to it as a person with psql would have.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public PostgresDatabase()
    {
        // Read here, not in InitializeAsync, so a missing server fails every test of the class with the message that says what to do.
        _ = PostgresTestServer.ConnectionString;
        Name = PostgresTestServer.UniqueName("orchestrator_test");
        ConnectionString = PostgresTestServer.ForDatabase(Name);
    }

    public string Name { get; }

    /// <summary>The connection string of this database.</summary>
    public string ConnectionString { get; }

    public Task InitializeAsync() => PostgresTestServer.CreateDatabaseAsync(Name);

    public Task DisposeAsync() => PostgresTestServer.DropDatabaseAsync(Name);

    /// <summary>The connection string of this database with <paramref name="schema"/> as the place for tables.</summary>
    public string InSchema(string schema) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;

    /// <summary>A new, empty schema, so a test gets an empty store without a database of its own.</summary>
    public async Task<string> CreateSchemaAsync()
    {
        var schema = PostgresTestServer.UniqueName("s");
        await ExecuteAsync($"CREATE SCHEMA \"{schema}\"");
        return schema;
    }

    public Task DropSchemaAsync(string schema) => ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");

    public async Task ExecuteAsync(string sql, string? schema = null)
    {
        await using var connection = await OpenAsync(schema);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql, string? schema = null)
    {
        await using var connection = await OpenAsync(schema);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync(string? schema)
    {
        // Unpooled: the database is dropped at the end, and a pooled idle connection would only be in the way.
        var builder = new NpgsqlConnectionStringBuilder(schema is null ? ConnectionString : InSchema(schema)) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
