using Orchestrator.Core.Registry;
using Orchestrator.Storage.Sqlite;
using Orchestrator.Storage.Tests.Contracts;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Sqlite;

/// <summary>The model registry contract on a real SQLite file in a temp folder.</summary>
public sealed class SqliteModelRegistryContractTests : ModelRegistryContract
{
    private readonly TempDirectory _temp = new();

    protected override Task<IModelRegistry> OpenAsync() => Task.FromResult<IModelRegistry>(new SqliteModelRegistry(_temp.Store));

    protected override Task DeleteBackingStoreAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
