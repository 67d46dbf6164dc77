using Orchestrator.Core.Engine.Store;
using Orchestrator.Storage.Sqlite;
using Orchestrator.Storage.Tests.Contracts;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Sqlite;

/// <summary>The run store contract on a real SQLite file in a temp folder.</summary>
public sealed class SqliteRunStoreContractTests : RunStoreContract
{
    private readonly TempDirectory _temp = new();

    protected override Task<IRunStore> OpenAsync() => Task.FromResult<IRunStore>(new SqliteRunStore(_temp.Store));

    protected override Task DeleteBackingStoreAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
