using Orchestrator.Core.Registry;
using Orchestrator.Storage.Postgres;
using Orchestrator.Storage.Tests.Contracts;

namespace Orchestrator.Storage.Tests.Postgres;

/// <summary>The model registry contract on a real PostgreSQL server: a fresh schema per test, a new connection pool per instance.</summary>
public sealed class PostgresModelRegistryContractTests(PostgresDatabase database) : ModelRegistryContract, IClassFixture<PostgresDatabase>
{
    private readonly PostgresBackingStore _backing = new(database);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _backing.CreateAsync();
    }

    protected override async Task<IModelRegistry> OpenAsync() => new PostgresModelRegistry(await _backing.OpenAsync());

    protected override Task DeleteBackingStoreAsync() => _backing.DeleteAsync();
}
