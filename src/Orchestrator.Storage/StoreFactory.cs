using Orchestrator.Storage.Artifacts;
using Orchestrator.Storage.Postgres;
using Orchestrator.Storage.Sqlite;

namespace Orchestrator.Storage;

/// <summary>
/// Opens the store a location names: a PostgreSQL URL (<c>postgres://…</c>) or connection string
/// (<c>Host=…</c>) for a shared store, anything else as a folder holding the embedded SQLite store.
/// </summary>
public static class StoreFactory
{
    /// <summary>Where artifacts go when a PostgreSQL store is used and no folder is given.</summary>
    public const string DefaultArtifactsFolder = ".orchestrator/artifacts";

    public static bool IsPostgres(string location) =>
        PostgresConnectionString.IsUrl(location) || location.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="StoreOpenException">The store cannot be opened; the message says where and what to do.</exception>
    public static OrchestratorStores Open(string location, string? artifactsFolder = null)
    {
        if (IsPostgres(location))
        {
            var postgres = PostgresStore.Open(location);
            return new OrchestratorStores(postgres.Target, new PostgresRunStore(postgres), new PostgresDefinitionStore(postgres), new PostgresModelRegistry(postgres),
                new FileArtifactStore(artifactsFolder ?? DefaultArtifactsFolder), [postgres]);
        }

        var owned = new List<IDisposable>();
        try
        {
            var runs = new SqliteRunStore(location);
            owned.Add(runs);
            var definitions = new SqliteDefinitionStore(location);
            owned.Add(definitions);
            var models = new SqliteModelRegistry(location);
            owned.Add(models);
            return new OrchestratorStores(Path.GetFullPath(location), runs, definitions, models,
                new FileArtifactStore(artifactsFolder ?? Path.Combine(location, "artifacts")), owned);
        }
        catch
        {
            foreach (var item in owned) item.Dispose();
            throw;
        }
    }
}
