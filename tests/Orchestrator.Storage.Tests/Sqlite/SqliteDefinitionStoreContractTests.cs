using Orchestrator.Core.Versioning;
using Orchestrator.Storage.Sqlite;
using Orchestrator.Storage.Tests.Contracts;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Sqlite;

/// <summary>The definition store contract on a real SQLite file in a temp folder.</summary>
public sealed class SqliteDefinitionStoreContractTests : DefinitionStoreContract
{
    private readonly TempDirectory _temp = new();

    protected override Task<IDefinitionStore> OpenAsync() => Task.FromResult<IDefinitionStore>(new SqliteDefinitionStore(_temp.Store));

    protected override Task DeleteBackingStoreAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
