using System.Text.Json.Nodes;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Versioning;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>Alias moves of definitions: journalled, optimistic, refused when they point nowhere.</summary>
public abstract partial class DefinitionStoreContract
{
    private const string Current = IDefinitionStore.CurrentAlias;

    private async Task<IDefinitionStore> StoreWithVersionsAsync(string id, int count)
    {
        var store = await StoreAsync();
        for (var i = 1; i <= count; i++) await store.PublishAsync(Samples.Publish(id, i), None);
        return store;
    }

    [Fact]
    public async Task A_rollback_moves_current_back_and_journals_who_why_and_the_evidence()
    {
        var store = await StoreWithVersionsAsync("a", 3);
        var evidence = new JsonObject { ["gate"] = "mcnemar", ["p"] = 0.004, ["b"] = 20, ["c"] = 3 };

        var move = await store.MoveAliasAsync(new AliasMoveRequest("a", Current, 1, "operator:carol", "version 3 regressed on 2-digit sums", evidence), None);

        Assert.Equal(("a", Current, 3, 1, "operator:carol", "version 3 regressed on 2-digit sums", 4L),
            (move.Subject, move.Alias, move.From, move.To, move.By, move.Reason, move.Sequence));
        Same.Json(evidence, move.Evidence);
        Assert.Equal(1, await store.GetAliasAsync("a", Current, None));
        var last = (await store.GetAliasHistoryAsync("a", Current, None))[^1];
        Assert.Equal((3, 1, "operator:carol", 4L), (last.From, last.To, last.By, last.Sequence));
        Same.Json(evidence, last.Evidence);
        Assert.Equal(move.At, last.At);
    }

    [Fact]
    public async Task Any_alias_name_can_be_set_and_its_journal_starts_at_one()
    {
        var store = await StoreWithVersionsAsync("a", 2);

        var first = await store.MoveAliasAsync(new AliasMoveRequest("a", "challenger", 2, "run-7", "trial winner"), None);
        var second = await store.MoveAliasAsync(new AliasMoveRequest("a", "challenger", 1, "run-8", "trial winner"), None);

        Assert.Equal((null, 2, 1L), (first.From, first.To, first.Sequence));
        Assert.Equal((2, 1, 2L), (second.From, second.To, second.Sequence));
        Assert.Null(second.Evidence);
        Assert.Equal(1, await store.GetAliasAsync("a", "challenger", None));
        Assert.Equal(2, await store.GetAliasAsync("a", Current, None));
        Assert.Equal([1L, 2L], (await store.GetAliasHistoryAsync("a", "challenger", None)).Select(m => m.Sequence));
    }

    [Fact]
    public async Task Journals_are_kept_per_definition_and_per_alias()
    {
        var store = await StoreWithVersionsAsync("a", 2);
        await store.PublishAsync(Samples.Publish("b", 1), None);
        await store.MoveAliasAsync(new AliasMoveRequest("a", "challenger", 1, "x", "y"), None);

        Assert.Equal([1L, 2L], (await store.GetAliasHistoryAsync("a", Current, None)).Select(m => m.Sequence));
        Assert.Equal([1L], (await store.GetAliasHistoryAsync("a", "challenger", None)).Select(m => m.Sequence));
        Assert.Equal([1L], (await store.GetAliasHistoryAsync("b", Current, None)).Select(m => m.Sequence));
        Assert.Empty(await store.GetAliasHistoryAsync("b", "challenger", None));
        Assert.Null(await store.GetAliasAsync("b", "challenger", None));
    }

    [Fact]
    public async Task A_move_with_the_expected_holder_goes_through()
    {
        var store = await StoreWithVersionsAsync("a", 3);

        var move = await store.MoveAliasAsync(new AliasMoveRequest("a", Current, 2, "x", "y", ExpectedFrom: 3), None);

        Assert.Equal((3, 2), (move.From, move.To));
        Assert.Equal(2, await store.GetAliasAsync("a", Current, None));
    }

    [Fact]
    public async Task A_move_expecting_another_holder_is_refused_and_changes_nothing()
    {
        var store = await StoreWithVersionsAsync("a", 3);

        var e = await Assert.ThrowsAsync<AliasConflictException>(() =>
            store.MoveAliasAsync(new AliasMoveRequest("a", Current, 1, "x", "y", ExpectedFrom: 2), None));

        Assert.Equal((2, 3), (e.Expected, e.Actual));
        Assert.Contains("'current'", e.Message);
        Assert.Equal(3, await store.GetAliasAsync("a", Current, None));
        Assert.Equal(3, (await store.GetAliasHistoryAsync("a", Current, None)).Count);
    }

    [Fact]
    public async Task Expecting_zero_means_expecting_the_alias_unset()
    {
        var store = await StoreWithVersionsAsync("a", 2);

        var first = await store.MoveAliasAsync(new AliasMoveRequest("a", "champion", 1, "x", "y", ExpectedFrom: 0), None);
        var e = await Assert.ThrowsAsync<AliasConflictException>(() =>
            store.MoveAliasAsync(new AliasMoveRequest("a", "champion", 2, "x", "y", ExpectedFrom: 0), None));

        Assert.Null(first.From);
        Assert.Equal((0, 1), (e.Expected, e.Actual));
        Assert.Equal(1, await store.GetAliasAsync("a", "champion", None));
        Assert.Single(await store.GetAliasHistoryAsync("a", "champion", None));
    }

    [Fact]
    public async Task Expecting_a_holder_of_an_unset_alias_is_refused()
    {
        var store = await StoreWithVersionsAsync("a", 2);

        var e = await Assert.ThrowsAsync<AliasConflictException>(() =>
            store.MoveAliasAsync(new AliasMoveRequest("a", "champion", 2, "x", "y", ExpectedFrom: 1), None));

        Assert.Equal((1, (int?)null), (e.Expected, e.Actual));
        Assert.Null(await store.GetAliasAsync("a", "champion", None));
        Assert.Empty(await store.GetAliasHistoryAsync("a", "champion", None));
    }

    [Fact]
    public async Task A_move_to_a_missing_version_is_refused_naming_it_and_changes_nothing()
    {
        var store = await StoreWithVersionsAsync("a", 2);

        var e = await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            store.MoveAliasAsync(new AliasMoveRequest("a", Current, 7, "x", "y"), None));

        Assert.Contains("'a'", e.Message);
        Assert.Contains("7", e.Message);
        Assert.Equal(2, await store.GetAliasAsync("a", Current, None));
        Assert.Equal(2, (await store.GetAliasHistoryAsync("a", Current, None)).Count);
    }

    [Fact]
    public async Task A_move_on_an_unknown_definition_is_refused()
    {
        var store = await StoreAsync();

        var e = await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            store.MoveAliasAsync(new AliasMoveRequest("nobody", Current, 1, "x", "y"), None));

        Assert.Contains("'nobody'", e.Message);
        Assert.Empty(await store.GetAliasHistoryAsync("nobody", Current, None));
    }

    [Fact]
    public async Task A_refused_move_leaves_the_store_usable()
    {
        var store = await StoreWithVersionsAsync("a", 2);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.MoveAliasAsync(new AliasMoveRequest("a", Current, 9, "x", "y"), None));
        await Assert.ThrowsAsync<AliasConflictException>(() => store.MoveAliasAsync(new AliasMoveRequest("a", Current, 1, "x", "y", ExpectedFrom: 1), None));

        var move = await store.MoveAliasAsync(new AliasMoveRequest("a", Current, 1, "x", "y"), None);

        Assert.Equal((2, 1, 3L), (move.From, move.To, move.Sequence));
    }
}
