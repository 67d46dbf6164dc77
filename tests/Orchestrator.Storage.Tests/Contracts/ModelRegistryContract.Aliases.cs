using System.Text.Json.Nodes;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Registry;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>Model aliases (champion, challenger): promotion, rollback, the journal and optimistic moves.</summary>
public abstract partial class ModelRegistryContract
{
    private async Task<IModelRegistry> RegistryWithVersionsAsync(string name, int count)
    {
        var registry = await StoreAsync();
        for (var i = 1; i <= count; i++) await registry.RegisterAsync(Samples.Model(name, parent: i == 1 ? null : i - 1, seed: i), None);
        return registry;
    }

    [Fact]
    public async Task Promotion_and_rollback_are_journalled_with_who_why_and_the_gate_evidence()
    {
        var registry = await RegistryWithVersionsAsync("addition", 2);
        var gate = new JsonObject { ["test"] = "mcnemar", ["b"] = 20, ["c"] = 3, ["p"] = 0.0002, ["alpha"] = 0.01, ["passed"] = true };

        var promote = await registry.MoveAliasAsync(new AliasMoveRequest("addition", "champion", 2, "run-42", "gate passed", gate, ExpectedFrom: 0), None);
        var rollback = await registry.MoveAliasAsync(new AliasMoveRequest("addition", "champion", 1, "operator:carol", "regression in production"), None);

        Assert.Equal((null, 2, 1L), (promote.From, promote.To, promote.Sequence));
        Assert.Equal((2, 1, 2L), (rollback.From, rollback.To, rollback.Sequence));
        var history = await registry.GetAliasHistoryAsync("addition", "champion", None);
        Assert.Equal(2, history.Count);
        Assert.Equal(("addition", "champion", "run-42", "gate passed"), (history[0].Subject, history[0].Alias, history[0].By, history[0].Reason));
        Same.Json(gate, history[0].Evidence);
        Assert.Equal(promote.At, history[0].At);
        Assert.Equal(("operator:carol", "regression in production"), (history[1].By, history[1].Reason));
        Assert.Null(history[1].Evidence);
    }

    [Fact]
    public async Task Aliases_list_every_name_with_its_version()
    {
        var registry = await RegistryWithVersionsAsync("addition", 3);
        await registry.MoveAliasAsync(new AliasMoveRequest("addition", "champion", 2, "x", "y"), None);
        await registry.MoveAliasAsync(new AliasMoveRequest("addition", "challenger", 3, "x", "y"), None);

        var aliases = await registry.GetAliasesAsync("addition", None);

        Assert.Equal(new Dictionary<string, int> { ["champion"] = 2, ["challenger"] = 3 }, aliases);
        Assert.Empty(await registry.GetAliasesAsync("nobody", None));
    }

    [Fact]
    public async Task A_model_reference_resolves_through_an_alias_a_number_or_the_latest()
    {
        var registry = await RegistryWithVersionsAsync("addition", 3);
        await registry.MoveAliasAsync(new AliasMoveRequest("addition", "champion", 2, "x", "y"), None);

        Assert.Equal(2, (await ModelReference.ResolveAsync(registry, "addition@champion", None)).Version);
        Assert.Equal(1, (await ModelReference.ResolveAsync(registry, "addition@1", None)).Version);
        Assert.Equal(3, (await ModelReference.ResolveAsync(registry, "addition", None)).Version);
    }

    [Fact]
    public async Task A_move_expecting_another_holder_is_refused_and_changes_nothing()
    {
        var registry = await RegistryWithVersionsAsync("addition", 3);
        await registry.MoveAliasAsync(new AliasMoveRequest("addition", "champion", 1, "x", "y"), None);

        var e = await Assert.ThrowsAsync<AliasConflictException>(() =>
            registry.MoveAliasAsync(new AliasMoveRequest("addition", "champion", 3, "x", "y", ExpectedFrom: 2), None));

        Assert.Equal((2, 1), (e.Expected, e.Actual));
        Assert.Equal(1, (await registry.GetAliasesAsync("addition", None))["champion"]);
        Assert.Single(await registry.GetAliasHistoryAsync("addition", "champion", None));
    }

    [Fact]
    public async Task A_move_to_a_missing_version_is_refused_naming_it_and_changes_nothing()
    {
        var registry = await RegistryWithVersionsAsync("addition", 2);

        var e = await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            registry.MoveAliasAsync(new AliasMoveRequest("addition", "champion", 5, "x", "y"), None));

        Assert.Contains("'addition'", e.Message);
        Assert.Contains("5", e.Message);
        Assert.Empty(await registry.GetAliasesAsync("addition", None));
        Assert.Empty(await registry.GetAliasHistoryAsync("addition", "champion", None));
    }

    [Fact]
    public async Task Parallel_alias_moves_from_many_connections_form_one_gap_free_journal()
    {
        const int writers = 8, movesEach = 10, versions = 4;
        var setup = await RegistryWithVersionsAsync("addition", versions);
        var registries = await StoresAsync(writers);

        await Task.WhenAll(registries.Select((registry, writer) => Task.Run(async () =>
        {
            for (var i = 0; i < movesEach; i++)
                await registry.MoveAliasAsync(new AliasMoveRequest("addition", "champion", 1 + (writer + i) % versions, $"writer-{writer}", $"move {i}"), None);
        })));

        var history = await setup.GetAliasHistoryAsync("addition", "champion", None);
        JournalAssert.IsChain(history, writers * movesEach, (await setup.GetAliasesAsync("addition", None))["champion"]);
        Assert.All(Enumerable.Range(0, writers), writer => Assert.Equal(movesEach, history.Count(m => m.By == $"writer-{writer}")));
    }

    [Fact]
    public async Task Parallel_registrations_from_many_connections_never_share_a_version_number()
    {
        const int writers = 8, registrationsEach = 5;
        var registries = await StoresAsync(writers);

        var registered = await Task.WhenAll(registries.Select((registry, writer) => Task.Run(async () =>
        {
            var mine = new List<ModelVersion>();
            for (var i = 0; i < registrationsEach; i++)
                mine.Add(await registry.RegisterAsync(Samples.Model("addition", seed: writer * 100 + i), None));
            return mine;
        })));

        Assert.Equal(Enumerable.Range(1, writers * registrationsEach), registered.SelectMany(r => r).Select(v => v.Version).Order());
        var versions = await registries[0].ListVersionsAsync("addition", None);
        Assert.Equal(Enumerable.Range(1, writers * registrationsEach), versions.Select(v => v.Version));
        Assert.Equal(writers * registrationsEach, versions.Select(v => v.CheckpointHash).Distinct().Count());
    }
}
