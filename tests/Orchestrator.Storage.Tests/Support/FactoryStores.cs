namespace Orchestrator.Storage.Tests.Support;

/// <summary>
/// Whole stores opened through <see cref="StoreFactory"/>, as the CLI and workers open them, for contracts of the parts
/// that only the factory makes (schedules, dispatched attempts). Each open is a new set of connections; all close together.
/// </summary>
public sealed class FactoryStores : IDisposable
{
    private readonly List<OrchestratorStores> _opened = [];

    public OrchestratorStores Open(string location)
    {
        var stores = StoreFactory.Open(location);
        lock (_opened) _opened.Add(stores);
        return stores;
    }

    public void Dispose()
    {
        foreach (var stores in _opened) stores.Dispose();
    }
}
