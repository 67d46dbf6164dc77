using Orchestrator.Core.Aliases;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Versioning;
using Orchestrator.Storage.Postgres;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Postgres;

/// <summary>
/// Several workers writing at once, each with its own connection pool as separate processes would have, in the
/// cases the backend-independent contracts do not reach: the locks the PostgreSQL store takes must make
/// concurrent writers take turns, and each must be told exactly what was recorded.
/// </summary>
public sealed class PostgresConcurrencyTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const int Workers = 8;
    private readonly List<PostgresStore> _stores = [];
    private string _schema = "";

    public async Task InitializeAsync()
    {
        _schema = await database.CreateSchemaAsync();
        for (var i = 0; i < Workers; i++) _stores.Add(await PostgresStore.OpenAsync(database.InSchema(_schema)));
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        await database.DropSchemaAsync(_schema);
    }

    [Fact]
    public async Task Parallel_alias_moves_from_eight_registries_tell_each_caller_what_the_journal_records()
    {
        var registries = _stores.Select(s => new PostgresModelRegistry(s)).ToArray();
        for (var v = 1; v <= 10; v++) await registries[0].RegisterAsync(Samples.Model("addition", seed: v), None);

        var moves = await InParallel(registries, async (registry, worker) =>
        {
            var made = new List<AliasMove>();
            for (var i = 0; i < 10; i++)
                made.Add(await registry.MoveAliasAsync(new AliasMoveRequest("addition", "champion", (worker + i) % 10 + 1, $"worker-{worker}", $"move {i}"), None));
            return made;
        });

        var history = await registries[0].GetAliasHistoryAsync("addition", "champion", None);
        JournalAssert.IsChain(history, Workers * 10, (await registries[3].GetAliasesAsync("addition", None))["champion"]);
        var told = moves.SelectMany(m => m).OrderBy(m => m.Sequence).ToList();
        Assert.Equal(history.Select(m => (m.Sequence, m.From, m.To, m.By, m.Reason, m.At)), told.Select(m => (m.Sequence, m.From, m.To, m.By, m.Reason, m.At)));
    }

    [Fact]
    public async Task Publishes_racing_with_moves_of_current_record_as_parent_the_holder_each_replaced()
    {
        var definitions = _stores.Select(s => new PostgresDefinitionStore(s)).ToArray();
        await definitions[0].PublishAsync(Samples.Publish("loop", 0), None);

        // Half the workers publish, the other half roll 'current' back to version 1 meanwhile.
        await InParallel(definitions, async (store, worker) =>
        {
            for (var i = 0; i < 5; i++)
            {
                if (worker % 2 == 0) await store.PublishAsync(Samples.Publish("loop", 1 + worker * 5 + i), None);
                else await store.MoveAliasAsync(new AliasMoveRequest("loop", IDefinitionStore.CurrentAlias, 1, $"worker-{worker}", "roll back"), None);
            }
            return true;
        });

        var history = await definitions[0].GetAliasHistoryAsync("loop", IDefinitionStore.CurrentAlias, None);
        JournalAssert.IsChain(history, 1 + Workers * 5, await definitions[0].GetAliasAsync("loop", IDefinitionStore.CurrentAlias, None));
        var versions = await definitions[0].ListVersionsAsync("loop", None);
        Assert.Equal(Enumerable.Range(1, 1 + Workers / 2 * 5), versions.Select(v => v.Version));
        // A version's parent is the holder its own move of 'current' replaced, never one read before a concurrent move.
        var publishedBy = history.Where(m => m.By == "alice").ToDictionary(m => m.To);
        Assert.All(versions, v => Assert.Equal(publishedBy[v.Version].From, v.ParentVersion));
    }

    [Fact]
    public async Task Parallel_branches_of_one_run_on_eight_workers_number_its_journal_without_gaps()
    {
        var runs = _stores.Select(s => new PostgresRunStore(s)).ToArray();
        await runs[0].CreateRunAsync(Records.Run(), None);

        await InParallel(runs, async (store, worker) =>
        {
            for (var i = 0; i < 10; i++)
            {
                var key = $"branch/{worker}/step/{i}";
                await store.BeginStepAsync("run-1", Records.Step(key), Records.T0, None);
                await store.CommitStepAsync("run-1", Records.Succeeded(key), new(), Records.T0, None);
            }
            return true;
        });

        var steps = await runs[0].GetStepsAsync("run-1", None);
        Assert.Equal(Enumerable.Range(1, Workers * 10).Select(i => (long)i), steps.Select(s => s.Sequence));
        Assert.All(steps, s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.Equal(Workers * 10, (await runs[0].FindRunAsync("run-1", None))!.StepsCommitted);
    }

    // Each worker on a thread-pool thread of its own, all started before any is awaited.
    private static Task<T[]> InParallel<TStore, T>(TStore[] stores, Func<TStore, int, Task<T>> work) =>
        Task.WhenAll(stores.Select((store, worker) => Task.Run(() => work(store, worker))));
}
