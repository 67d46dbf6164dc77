using Orchestrator.Storage.Tests.Contracts;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Sqlite;

/// <summary>The run control store contract on a real SQLite file in a temp folder, opened as the CLI opens it.</summary>
public sealed class SqliteRunControlStoreContractTests : RunControlStoreContract
{
    private readonly TempDirectory _temp = new();
    private readonly FactoryStores _stores = new();

    protected override Task<Orchestrator.Core.Engine.Control.IRunControlStore> OpenAsync() => Task.FromResult(_stores.Open(_temp.Store).Control);

    protected override Task DeleteBackingStoreAsync()
    {
        _stores.Dispose();
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
