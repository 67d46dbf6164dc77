using Orchestrator.Core.Versioning;
using Orchestrator.Storage.Postgres;
using Orchestrator.Storage.Tests.Contracts;

namespace Orchestrator.Storage.Tests.Postgres;

/// <summary>The definition store contract on a real PostgreSQL server: a fresh schema per test, a new connection pool per instance.</summary>
public sealed class PostgresDefinitionStoreContractTests(PostgresDatabase database) : DefinitionStoreContract, IClassFixture<PostgresDatabase>
{
    private readonly PostgresBackingStore _backing = new(database);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _backing.CreateAsync();
    }

    protected override async Task<IDefinitionStore> OpenAsync() => new PostgresDefinitionStore(await _backing.OpenAsync());

    protected override Task DeleteBackingStoreAsync() => _backing.DeleteAsync();
}
