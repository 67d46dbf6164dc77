using Npgsql;

namespace Orchestrator.Storage.Postgres;

/// <summary>
/// A PostgreSQL database used as the store that several workers share: a pooled <see cref="NpgsqlDataSource"/>
/// whose tables are brought up to date when it is opened. <see cref="PostgresRunStore"/>,
/// <see cref="PostgresDefinitionStore"/> and <see cref="PostgresModelRegistry"/> work over it; disposing it
/// closes the pool.
/// </summary>
public sealed class PostgresStore : IDisposable, IAsyncDisposable
{
    private PostgresStore(NpgsqlDataSource dataSource, string target)
    {
        DataSource = dataSource;
        Target = target;
    }

    /// <summary>The connection pool every store over this database uses.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Where the store is, as a URL with the password hidden (<c>postgresql://user:***@host:5432/db</c>), for messages.</summary>
    public string Target { get; }

    /// <summary>The table schema version this build writes.</summary>
    public static int SchemaVersion => PostgresMigrations.Latest;

    /// <summary>
    /// Connects to the database named by an Npgsql connection string or a <c>postgres://</c> URL and creates or
    /// migrates the store's tables. Two processes opening at once do not race: one migrates, the other waits.
    /// </summary>
    /// <exception cref="StoreOpenException">
    /// The connection string is malformed, the server cannot be reached, refuses the login, lacks the database,
    /// or holds a schema newer than this build; the message names the server and database and says what to do.
    /// </exception>
    public static async Task<PostgresStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = PostgresConnectionString.Parse(connectionString);
        }
        catch (ArgumentException e)
        {
            throw PostgresOpenErrors.InvalidConnectionString(e);
        }
        var target = PostgresConnectionString.Describe(builder);
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = NpgsqlDataSource.Create(builder);
        }
        catch (ArgumentException e)
        {
            throw PostgresOpenErrors.InvalidConnectionString(e);
        }
        try
        {
            await PostgresMigrator.MigrateAsync(dataSource, target, cancellationToken).ConfigureAwait(false);
            return new PostgresStore(dataSource, target);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw PostgresOpenErrors.Explain(target, builder, e);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>As <see cref="OpenAsync"/>, for callers that cannot await (a constructor, a synchronous command).</summary>
    /// <exception cref="StoreOpenException">See <see cref="OpenAsync"/>.</exception>
    public static PostgresStore Open(string connectionString) =>
        // Npgsql's async path has no synchronisation context to deadlock on; one code path keeps open and migrate in step.
        Task.Run(() => OpenAsync(connectionString)).GetAwaiter().GetResult();

    public void Dispose() => DataSource.Dispose();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public override string ToString() => Target;
}
