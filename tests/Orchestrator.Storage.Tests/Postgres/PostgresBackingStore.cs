using Orchestrator.Storage.Postgres;

namespace Orchestrator.Storage.Tests.Postgres;

/// <summary>
/// The backing store of one contract test: a fresh schema in the class's database, and every
/// <see cref="PostgresStore"/> (connection pool) the test opens on it, as separate processes would each have
/// their own. Deleting it closes the pools and drops the schema.
/// </summary>
public sealed class PostgresBackingStore(PostgresDatabase database)
{
    private readonly List<PostgresStore> _opened = [];
    private string? _schema;

    public async Task CreateAsync() => _schema = await database.CreateSchemaAsync();

    /// <summary>The connection string of the schema, for opening it as a user would (<see cref="StoreFactory"/>).</summary>
    public string ConnectionString => database.InSchema(_schema ?? throw new InvalidOperationException("CreateAsync first"));

    /// <summary>A new store (its own pool) over the schema; the contract may open several at once.</summary>
    public async Task<PostgresStore> OpenAsync()
    {
        var store = await PostgresStore.OpenAsync(ConnectionString);
        lock (_opened) _opened.Add(store);
        return store;
    }

    public async Task DeleteAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
        if (_schema is not null) await database.DropSchemaAsync(_schema);
    }
}
