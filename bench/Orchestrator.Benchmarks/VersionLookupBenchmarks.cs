using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Npgsql;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Registry;
using Orchestrator.Core.Versioning;
using Orchestrator.Storage;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Lookups stay fast as versions pile up: a store holding 10,000 versions of one definition and 10,000
/// versions of one model, on SQLite and on PostgreSQL (target: under 5 ms per lookup). PostgreSQL is the
/// server named by ORCHESTRATOR_BENCH_POSTGRES (or ORCHESTRATOR_TEST_POSTGRES); a fresh database is made.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class VersionLookupBenchmarks
{
    private const string Definition = "bench-definition";
    private const string Model = "bench-model";
    private OrchestratorStores _stores = null!;
    private string? _folder;
    private string? _database;
    private string? _server;
    private int _published;

    [Params("sqlite", "postgres")]
    public string Backend { get; set; } = "sqlite";

    [Params(10_000)]
    public int Versions { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("orchestrator-bench-").FullName;
        var location = Path.Combine(_folder, "store");
        if (Backend == "postgres")
        {
            _server = Environment.GetEnvironmentVariable("ORCHESTRATOR_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_POSTGRES")
                ?? throw new InvalidOperationException("set ORCHESTRATOR_BENCH_POSTGRES to a PostgreSQL connection string");
            _database = "bench_" + Guid.NewGuid().ToString("N")[..12];
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {_database}", connection).ExecuteNonQueryAsync();
            location = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
        }
        _stores = StoreFactory.Open(location, Path.Combine(_folder, "artifacts"));
        var checkpoint = "sha256:" + new string('a', 64);
        for (var i = 1; i <= Versions; i++)
        {
            await PublishAsync(i);
            await _stores.Models.RegisterAsync(new RegisterModelRequest(Model, checkpoint, new ModelLineage { ParentVersion = i > 1 ? i - 1 : null, Seed = i }, "bench"), CancellationToken.None);
        }
        await _stores.Models.MoveAliasAsync(new AliasMoveRequest(Model, "champion", Versions / 2, "bench", "setup"), CancellationToken.None);
        _published = Versions;
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _stores.Dispose();
        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection).ExecuteNonQueryAsync();
        }
        if (_folder is not null) Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "resolve definition ID (current alias, then its version)")]
    public async Task<DefinitionVersion?> Resolve_current_definition()
    {
        var current = await _stores.Definitions.GetAliasAsync(Definition, IDefinitionStore.CurrentAlias, CancellationToken.None);
        return await _stores.Definitions.GetAsync(Definition, current!.Value, CancellationToken.None);
    }

    [Benchmark(Description = "get definition ID@V (an old version)")]
    public Task<DefinitionVersion?> Get_old_definition_version() => _stores.Definitions.GetAsync(Definition, 17, CancellationToken.None);

    [Benchmark(Description = "publish a new version (hash check, insert, move current)")]
    public Task<PublishResult> Publish_new_version() => PublishAsync(++_published);

    [Benchmark(Description = "resolve model NAME@champion")]
    public Task<ModelVersion> Resolve_model_alias() => ModelReference.ResolveAsync(_stores.Models, Model + "@champion", CancellationToken.None);

    [Benchmark(Description = "get model NAME@V")]
    public Task<ModelVersion?> Get_model_version() => _stores.Models.GetAsync(Model, 4242, CancellationToken.None);

    private Task<PublishResult> PublishAsync(int generation)
    {
        var document = new JsonObject
        {
            ["id"] = Definition,
            ["steps"] = new JsonArray(new JsonObject { ["id"] = "s", ["uses"] = "set", ["with"] = new JsonObject { ["generation"] = generation } }),
        };
        return _stores.Definitions.PublishAsync(new PublishRequest(Definition, document, DefinitionHash.Of(document), "bench", $"generation {generation}"), CancellationToken.None);
    }
}
