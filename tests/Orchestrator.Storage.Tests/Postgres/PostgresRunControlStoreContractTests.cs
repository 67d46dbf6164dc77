using Orchestrator.Storage.Tests.Contracts;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Postgres;

/// <summary>The run control store contract on a real PostgreSQL server: a fresh schema per test, opened as the CLI opens it.</summary>
public sealed class PostgresRunControlStoreContractTests(PostgresDatabase database) : RunControlStoreContract, IClassFixture<PostgresDatabase>
{
    private readonly PostgresBackingStore _backing = new(database);
    private readonly FactoryStores _stores = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _backing.CreateAsync();
    }

    protected override Task<Orchestrator.Core.Engine.Control.IRunControlStore> OpenAsync() => Task.FromResult(_stores.Open(_backing.ConnectionString).Control);

    protected override async Task DeleteBackingStoreAsync()
    {
        _stores.Dispose();
        await _backing.DeleteAsync();
    }
}
