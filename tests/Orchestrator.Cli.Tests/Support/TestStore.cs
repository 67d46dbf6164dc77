using Npgsql;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// A fresh, empty store for one test, on either backend: a temp folder (SQLite), or a new database on the
/// PostgreSQL server ./test.sh starts (ORCHESTRATOR_TEST_POSTGRES). PostgreSQL missing is a failure, never a skip.
/// </summary>
public sealed class TestStore : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string? _database;
    private readonly string? _server;

    public TestStore(string backend)
    {
        Backend = backend;
        Artifacts = _folder.File("artifacts");
        if (backend == "sqlite")
        {
            Location = _folder.File("store");
            return;
        }
        _server = Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_POSTGRES")
            ?? throw new InvalidOperationException("ORCHESTRATOR_TEST_POSTGRES is not set: run ./test.sh, which starts a throwaway PostgreSQL, or point it at a server");
        _database = "cli_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(_server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            create.ExecuteNonQuery();
        }
        Location = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
    }

    public string Backend { get; }

    /// <summary>What --store is given.</summary>
    public string Location { get; }

    public string Artifacts { get; }
    public TempFolder Folder => _folder;

    /// <summary>Arguments for the command: this store, its artifacts, and the repository's plugins and workflows.</summary>
    public string[] Args(params string[] args) => ArgsWithArtifacts(Artifacts, args);

    /// <summary>As <see cref="Args"/> with artifacts in <paramref name="artifacts"/>, or with no --artifacts at all when null.</summary>
    public string[] ArgsWithArtifacts(string? artifacts, params string[] args) =>
        [.. args, "--store", Location, .. (artifacts is null ? Array.Empty<string>() : ["--artifacts", artifacts]), "--plugins", Repository.Plugins, "--workflows", Repository.Workflows];

    public void Dispose()
    {
        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(_server);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        _folder.Dispose();
    }
}
