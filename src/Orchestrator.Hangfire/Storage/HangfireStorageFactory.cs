using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;
using Orchestrator.Storage;
using Orchestrator.Storage.Postgres;

namespace Orchestrator.Hangfire.Storage;

/// <summary>
/// Hangfire's storage for a store location. With a PostgreSQL store it is Hangfire.PostgreSql in its own schema of
/// the same database, so every worker that reaches the store shares the queues. With the embedded SQLite store it is
/// Hangfire's in-memory storage inside each worker, fed from the SQLite store (see Workers/StoreFeed.cs): the
/// store is the queue, so a worker on one machine needs no server, and nothing is lost when a worker stops.
/// </summary>
public static class HangfireStorageFactory
{
    public static bool IsShared(string storeLocation) => StoreFactory.IsPostgres(storeLocation);

    public static JobStorage Create(string storeLocation, HangfireSettings settings)
    {
        if (!IsShared(storeLocation)) return new InMemoryStorage(new InMemoryStorageOptions());
        var connectionString = PostgresConnectionString.Parse(storeLocation).ConnectionString;
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = HangfireSettings.PostgresSchema,
            PrepareSchemaIfNecessary = true,
            // A job is fetched again only when its worker has stopped renewing it: a 40-minute training step on a
            // live worker is renewed every RequeueAfter/5 and never fetched twice.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = settings.RequeueAfter,
            // LISTEN/NOTIFY: a worker wakes when a job is enqueued instead of on its next poll (15 s by default).
            EnableLongPolling = true,
            QueuePollInterval = settings.PollInterval,
            // Fail at start with our message rather than retry in the background for minutes.
            StartupConnectionMaxRetries = 0,
            AllowDegradedModeWithoutStorage = false,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
