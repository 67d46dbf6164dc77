using Orchestrator.Core.Aliases;
using Orchestrator.Core.Versioning;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>Several instances (several connections, as several processes) publishing and moving at once.</summary>
public abstract partial class DefinitionStoreContract
{
    private const int Writers = 8;

    [Fact]
    public async Task Parallel_alias_moves_from_many_connections_form_one_gap_free_journal()
    {
        const int movesEach = 10, versions = 5;
        var setup = await StoreWithVersionsAsync("a", versions);
        var stores = await StoresAsync(Writers);

        await Task.WhenAll(stores.Select((store, writer) => Task.Run(async () =>
        {
            for (var i = 0; i < movesEach; i++)
                await store.MoveAliasAsync(new AliasMoveRequest("a", "champion", 1 + (writer + i) % versions, $"writer-{writer}", $"move {i}"), None);
        })));

        var history = await setup.GetAliasHistoryAsync("a", "champion", None);
        JournalAssert.IsChain(history, Writers * movesEach, await setup.GetAliasAsync("a", "champion", None));
        Assert.Null(history[0].From);
        Assert.All(Enumerable.Range(0, Writers), writer => Assert.Equal(movesEach, history.Count(m => m.By == $"writer-{writer}")));
    }

    [Fact]
    public async Task Parallel_publishes_from_many_connections_never_share_a_version_number()
    {
        const int publishesEach = 5;
        var stores = await StoresAsync(Writers);

        var results = await Task.WhenAll(stores.Select((store, writer) => Task.Run(async () =>
        {
            var mine = new List<PublishResult>();
            for (var i = 0; i < publishesEach; i++)
                mine.Add(await store.PublishAsync(Samples.Publish("a", writer * 100 + i, author: $"writer-{writer}"), None));
            return mine;
        })));

        var all = results.SelectMany(r => r).ToList();
        Assert.All(all, r => Assert.True(r.Created));
        Assert.Equal(Enumerable.Range(1, Writers * publishesEach), all.Select(r => r.Version.Version).Order());
        var versions = await stores[0].ListVersionsAsync("a", None);
        Assert.Equal(Enumerable.Range(1, Writers * publishesEach), versions.Select(v => v.Version));
        // Publishes serialise, so each one's parent is the version published just before it.
        Assert.All(versions, v => Assert.Equal(v.Version == 1 ? null : v.Version - 1, v.ParentVersion));
        var history = await stores[0].GetAliasHistoryAsync("a", IDefinitionStore.CurrentAlias, None);
        JournalAssert.IsChain(history, Writers * publishesEach, Writers * publishesEach);
        Assert.Equal(Writers * publishesEach, await stores[0].GetAliasAsync("a", IDefinitionStore.CurrentAlias, None));
    }

    [Fact]
    public async Task Parallel_publishes_of_the_same_content_create_it_once()
    {
        var stores = await StoresAsync(Writers);

        var results = await Task.WhenAll(stores.Select(store => Task.Run(() => store.PublishAsync(Samples.Publish("a", 1), None))));

        Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(1, r.Version.Version));
        Assert.Single(await stores[0].ListVersionsAsync("a", None));
        Assert.Single(await stores[0].GetAliasHistoryAsync("a", IDefinitionStore.CurrentAlias, None));
    }

    [Fact]
    public async Task Optimistic_moves_racing_from_one_holder_let_exactly_one_win()
    {
        var setup = await StoreWithVersionsAsync("a", 3);
        var stores = await StoresAsync(Writers);

        var outcomes = await Task.WhenAll(stores.Select((store, writer) => Task.Run(async () =>
        {
            try
            {
                await store.MoveAliasAsync(new AliasMoveRequest("a", IDefinitionStore.CurrentAlias, 1 + writer % 2, $"writer-{writer}", "race", ExpectedFrom: 3), None);
                return true;
            }
            catch (AliasConflictException)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
        var history = await setup.GetAliasHistoryAsync("a", IDefinitionStore.CurrentAlias, None);
        JournalAssert.IsChain(history, 4, await setup.GetAliasAsync("a", IDefinitionStore.CurrentAlias, None));
        Assert.Equal(3, history[^1].From);
    }
}
