using System.Security.Cryptography;
using System.Text;
using Orchestrator.Core.Artifacts;
using Orchestrator.Storage.Access;
using Orchestrator.Storage.Artifacts;
using Orchestrator.Storage.Control;
using Orchestrator.Storage.Dispatch;
using Orchestrator.Storage.Scheduling;
using Orchestrator.Storage.Postgres;
using Orchestrator.Storage.Sqlite;

namespace Orchestrator.Storage;

/// <summary>
/// Opens the store a location names: a PostgreSQL URL (<c>postgres://…</c>) or connection string
/// (<c>Host=…</c>) for a shared store, anything else as a folder holding the embedded SQLite store.
/// </summary>
public static class StoreFactory
{
    /// <summary>Where work in progress goes beside a PostgreSQL store (training checkpoints of a running step).</summary>
    public const string DefaultScratchFolder = ".orchestrator/scratch";

    public static bool IsPostgres(string location) =>
        PostgresConnectionString.IsUrl(location) || location.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="StoreOpenException">The store cannot be opened; the message says where and what to do.</exception>
    public static OrchestratorStores Open(string location, string? artifactsFolder = null)
    {
        if (IsPostgres(location))
        {
            var postgres = PostgresStore.Open(location);
            // Artifacts live in the database unless a (shared) folder is named: then every worker reaches them.
            IArtifactStore artifacts = artifactsFolder is null ? new PostgresArtifactStore(postgres, ArtifactCacheFolder(postgres.Target)) : new FileArtifactStore(artifactsFolder);
            var connections = new PostgresConnections(postgres.DataSource, postgres.Target);
            return new OrchestratorStores(postgres.Target, new PostgresRunStore(postgres), new PostgresDefinitionStore(postgres), new PostgresModelRegistry(postgres),
                artifacts, new RelationalScheduleStore(connections, SqlDialect.Postgres), new RelationalDispatchStore(connections, SqlDialect.Postgres),
                new RelationalApiKeyStore(connections, SqlDialect.Postgres), new RelationalRunControlStore(connections, SqlDialect.Postgres), [postgres]);
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
            var schedules = new RelationalScheduleStore(new SqliteConnections(location), SqlDialect.Sqlite);
            owned.Add(schedules);
            var dispatch = new RelationalDispatchStore(new SqliteConnections(location), SqlDialect.Sqlite);
            owned.Add(dispatch);
            var keys = new RelationalApiKeyStore(new SqliteConnections(location), SqlDialect.Sqlite);
            owned.Add(keys);
            var control = new RelationalRunControlStore(new SqliteConnections(location), SqlDialect.Sqlite);
            owned.Add(control);
            return new OrchestratorStores(Path.GetFullPath(location), runs, definitions, models,
                new FileArtifactStore(artifactsFolder ?? Path.Combine(location, "artifacts")), schedules, dispatch, keys, control, owned);
        }
        catch
        {
            foreach (var item in owned) item.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The local cache of a database's artifacts: in the temp folder, one per database (named by a hash of its
    /// target), since it is only a cache that any process may fill again from the database.
    /// </summary>
    public static string ArtifactCacheFolder(string target) =>
        Path.Combine(Path.GetTempPath(), "orchestrator-artifact-cache", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target)))[..16]);
}
