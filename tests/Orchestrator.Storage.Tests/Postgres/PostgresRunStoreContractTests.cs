using Orchestrator.Core.Engine.Store;
using Orchestrator.Storage.Postgres;
using Orchestrator.Storage.Tests.Contracts;

namespace Orchestrator.Storage.Tests.Postgres;

/// <summary>The run store contract on a real PostgreSQL server: a fresh schema per test, a new connection pool per instance.</summary>
public sealed class PostgresRunStoreContractTests(PostgresDatabase database) : RunStoreContract, IClassFixture<PostgresDatabase>
{
    private readonly PostgresBackingStore _backing = new(database);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _backing.CreateAsync();
    }

    protected override async Task<IRunStore> OpenAsync() => new PostgresRunStore(await _backing.OpenAsync());

    protected override Task DeleteBackingStoreAsync() => _backing.DeleteAsync();
}
