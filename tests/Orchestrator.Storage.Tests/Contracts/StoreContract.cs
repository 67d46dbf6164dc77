namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>
/// The base of the backend-independent contract tests. A backend subclasses a contract, gives it a fresh,
/// empty backing store per test (xunit makes one class instance per test) and opens a new store instance —
/// its own connection — over it on every <see cref="OpenAsync"/>, so tests can use several at once as
/// several processes would. Every instance a test opens is disposed after it.
/// </summary>
public abstract class StoreContract<TStore> : IAsyncLifetime where TStore : class
{
    protected static readonly CancellationToken None = CancellationToken.None;

    private readonly List<TStore> _opened = [];

    /// <summary>A new store instance (its own connection) over this test's backing store.</summary>
    protected abstract Task<TStore> OpenAsync();

    /// <summary>Prepares the backing store before each test, e.g. creates a database schema.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await CloseAsync(store);
        await DeleteBackingStoreAsync();
    }

    /// <summary>Removes the backing store after each test (a temp folder, a database schema).</summary>
    protected virtual Task DeleteBackingStoreAsync() => Task.CompletedTask;

    /// <summary>Opens a store instance that is disposed when the test ends; tests use this, never <see cref="OpenAsync"/>.</summary>
    protected async Task<TStore> StoreAsync()
    {
        var store = await OpenAsync();
        lock (_opened) _opened.Add(store);
        return store;
    }

    /// <summary>Several instances at once, as several processes sharing the store would have.</summary>
    protected async Task<TStore[]> StoresAsync(int count)
    {
        var stores = new TStore[count];
        for (var i = 0; i < count; i++) stores[i] = await StoreAsync();
        return stores;
    }

    /// <summary>Closes an instance early (a "process" that exits); closing twice is harmless.</summary>
    protected static async Task CloseAsync(TStore store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable: await asyncDisposable.DisposeAsync(); break;
            case IDisposable disposable: disposable.Dispose(); break;
        }
    }
}
