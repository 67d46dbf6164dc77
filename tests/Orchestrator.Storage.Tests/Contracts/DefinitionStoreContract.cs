using System.Text.Json.Nodes;
using Orchestrator.Core.Versioning;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>
/// What every <see cref="IDefinitionStore"/> must do: publishing, numbering and de-duplication here; aliases,
/// their journal and concurrency in the other parts of this class.
/// </summary>
public abstract partial class DefinitionStoreContract : StoreContract<IDefinitionStore>
{
    [Fact]
    public async Task Publish_numbers_versions_from_one_per_definition()
    {
        var store = await StoreAsync();

        var a1 = await store.PublishAsync(Samples.Publish("a", 1), None);
        var a2 = await store.PublishAsync(Samples.Publish("a", 2), None);
        var b1 = await store.PublishAsync(Samples.Publish("b", 1), None);

        Assert.Equal((1, true), (a1.Version.Version, a1.Created));
        Assert.Equal((2, true), (a2.Version.Version, a2.Created));
        Assert.Equal((1, true), (b1.Version.Version, b1.Created));
        Assert.Equal("a@2", a2.Version.Reference);
    }

    [Fact]
    public async Task Publish_records_document_hash_parent_author_reason_and_time()
    {
        var store = await StoreAsync();
        var before = DateTimeOffset.UtcNow;
        await store.PublishAsync(Samples.Publish("a", 1), None);
        var request = Samples.Publish("a", 2, author: "editor:learned@4", reason: "raise samples to 8 (\"trial\" 12)\nsecond line");

        var published = (await store.PublishAsync(request, None)).Version;

        var stored = await store.GetAsync("a", 2, None);
        Assert.NotNull(stored);
        foreach (var version in new[] { published, stored })
        {
            Assert.Equal("a", version.DefinitionId);
            Assert.Equal(2, version.Version);
            Assert.Equal(request.ContentHash, version.ContentHash);
            Same.Json(request.Document, version.Document);
            Assert.Equal(DefinitionStatus.Published, version.Status);
            Assert.Equal(1, version.ParentVersion);
            Assert.Equal("editor:learned@4", version.Author);
            Assert.Equal(request.Reason, version.Reason);
            // The store stamps the time itself; a generous window catches a missing or local-time stamp.
            Assert.InRange(version.CreatedAt, before.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        }
        Assert.Equal(published.CreatedAt, stored.CreatedAt);
    }

    [Fact]
    public async Task The_first_version_has_no_parent()
    {
        var store = await StoreAsync();

        var first = await store.PublishAsync(Samples.Publish("a", 1), None);

        Assert.Null(first.Version.ParentVersion);
        Assert.Null((await store.GetAsync("a", 1, None))!.ParentVersion);
    }

    [Fact]
    public async Task Publishing_the_same_content_again_returns_the_existing_version_and_changes_nothing()
    {
        var store = await StoreAsync();
        await store.PublishAsync(Samples.Publish("a", 1), None);
        await store.PublishAsync(Samples.Publish("a", 2), None);

        // The content of version 1, published again while version 2 is current.
        var again = await store.PublishAsync(Samples.Publish("a", 1, author: "bob", reason: "again"), None);

        Assert.False(again.Created);
        Assert.Equal(1, again.Version.Version);
        Assert.Equal("alice", again.Version.Author);
        Assert.Equal(2, (await store.ListVersionsAsync("a", None)).Count);
        Assert.Equal(2, await store.GetAliasAsync("a", IDefinitionStore.CurrentAlias, None));
        Assert.Equal(2, (await store.GetAliasHistoryAsync("a", IDefinitionStore.CurrentAlias, None)).Count);
    }

    [Fact]
    public async Task The_same_content_under_another_definition_id_is_a_new_version()
    {
        var store = await StoreAsync();
        var document = Samples.Document("shared", 1);
        await store.PublishAsync(new PublishRequest("a", document, "sha256:same", "alice", "r"), None);

        var other = await store.PublishAsync(new PublishRequest("b", document, "sha256:same", "alice", "r"), None);

        Assert.True(other.Created);
        Assert.Equal(1, other.Version.Version);
    }

    [Fact]
    public async Task A_published_version_becomes_current_with_a_journal_entry_by_its_author()
    {
        var store = await StoreAsync();

        await store.PublishAsync(Samples.Publish("a", 1, author: "alice", reason: "first"), None);
        await store.PublishAsync(Samples.Publish("a", 2, author: "bob", reason: "second"), None);

        Assert.Equal(2, await store.GetAliasAsync("a", IDefinitionStore.CurrentAlias, None));
        var history = await store.GetAliasHistoryAsync("a", IDefinitionStore.CurrentAlias, None);
        Assert.Equal(2, history.Count);
        Assert.Equal((null, 1, "alice", "first", 1L), (history[0].From, history[0].To, history[0].By, history[0].Reason, history[0].Sequence));
        Assert.Equal((1, 2, "bob", "second", 2L), (history[1].From, history[1].To, history[1].By, history[1].Reason, history[1].Sequence));
        Assert.All(history, move => Assert.Equal(("a", IDefinitionStore.CurrentAlias), (move.Subject, move.Alias)));
        Assert.Equal(history[1].At, (await store.GetAsync("a", 2, None))!.CreatedAt);
    }

    [Fact]
    public async Task A_draft_is_numbered_in_sequence_but_does_not_move_current()
    {
        var store = await StoreAsync();
        await store.PublishAsync(Samples.Publish("a", 1), None);

        var draft = await store.PublishAsync(Samples.Publish("a", 2, author: "editor:llm", reason: "trial", draft: true), None);

        Assert.True(draft.Created);
        Assert.Equal(2, draft.Version.Version);
        Assert.Equal(DefinitionStatus.Draft, draft.Version.Status);
        Assert.Equal(1, draft.Version.ParentVersion);
        Assert.Equal(DefinitionStatus.Draft, (await store.GetAsync("a", 2, None))!.Status);
        Assert.Equal(1, await store.GetAliasAsync("a", IDefinitionStore.CurrentAlias, None));
        Assert.Single(await store.GetAliasHistoryAsync("a", IDefinitionStore.CurrentAlias, None));
    }

    [Fact]
    public async Task Publishing_a_drafts_content_publishes_that_draft_and_moves_current_to_it()
    {
        var store = await StoreAsync();
        await store.PublishAsync(Samples.Publish("a", 1), None);
        await store.PublishAsync(Samples.Publish("a", 2, author: "editor:llm", reason: "trial", draft: true), None);

        var published = await store.PublishAsync(Samples.Publish("a", 2, author: "meta-gate", reason: "won its trial"), None);
        var again = await store.PublishAsync(Samples.Publish("a", 2, author: "meta-gate", reason: "again"), None);

        Assert.Equal((false, true, 2, DefinitionStatus.Published), (published.Created, published.PublishedDraft, published.Version.Version, published.Version.Status));
        Assert.Equal(DefinitionStatus.Published, (await store.GetAsync("a", 2, None))!.Status);
        Assert.Equal(2, await store.GetAliasAsync("a", IDefinitionStore.CurrentAlias, None));
        var move = (await store.GetAliasHistoryAsync("a", IDefinitionStore.CurrentAlias, None))[^1];
        Assert.Equal((1, 2, "meta-gate", "won its trial"), (move.From, move.To, move.By, move.Reason));
        Assert.False(again.PublishedDraft);
        Assert.Equal(2, (await store.GetAliasHistoryAsync("a", IDefinitionStore.CurrentAlias, None)).Count);
    }

    [Fact]
    public async Task A_version_published_after_a_draft_has_the_current_version_as_parent()
    {
        var store = await StoreAsync();
        await store.PublishAsync(Samples.Publish("a", 1), None);
        await store.PublishAsync(Samples.Publish("a", 2, draft: true), None);

        var third = await store.PublishAsync(Samples.Publish("a", 3), None);

        Assert.Equal(3, third.Version.Version);
        Assert.Equal(1, third.Version.ParentVersion);
        Assert.Equal(3, await store.GetAliasAsync("a", IDefinitionStore.CurrentAlias, None));
    }

    [Fact]
    public async Task A_draft_of_a_new_definition_leaves_it_without_current()
    {
        var store = await StoreAsync();

        await store.PublishAsync(Samples.Publish("a", 1, draft: true), None);

        Assert.Null(await store.GetAliasAsync("a", IDefinitionStore.CurrentAlias, None));
        Assert.Empty(await store.GetAliasHistoryAsync("a", IDefinitionStore.CurrentAlias, None));
    }

    [Fact]
    public async Task Get_returns_null_for_an_unknown_definition_or_version()
    {
        var store = await StoreAsync();
        await store.PublishAsync(Samples.Publish("a", 1), None);

        Assert.Null(await store.GetAsync("a", 2, None));
        Assert.Null(await store.GetAsync("a", 0, None));
        Assert.Null(await store.GetAsync("nobody", 1, None));
    }

    [Fact]
    public async Task Versions_are_listed_oldest_first_with_their_documents()
    {
        var store = await StoreAsync();
        for (var i = 1; i <= 3; i++) await store.PublishAsync(Samples.Publish("a", i, draft: i == 2), None);
        await store.PublishAsync(Samples.Publish("b", 1), None);

        var versions = await store.ListVersionsAsync("a", None);

        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal([DefinitionStatus.Published, DefinitionStatus.Draft, DefinitionStatus.Published], versions.Select(v => v.Status));
        Same.Json(Samples.Document("a", 2), versions[1].Document);
        Assert.Empty(await store.ListVersionsAsync("nobody", None));
    }

    [Fact]
    public async Task Definition_ids_are_listed_once_each_in_order()
    {
        var store = await StoreAsync();
        Assert.Empty(await store.ListDefinitionIdsAsync(None));
        await store.PublishAsync(Samples.Publish("zeta", 1), None);
        await store.PublishAsync(Samples.Publish("alpha", 1), None);
        await store.PublishAsync(Samples.Publish("alpha", 2), None);
        await store.PublishAsync(Samples.Publish("mid", 1, draft: true), None);

        Assert.Equal(["alpha", "mid", "zeta"], await store.ListDefinitionIdsAsync(None));
    }

    [Fact]
    public async Task Versions_are_visible_to_another_instance_and_survive_reopening()
    {
        var writer = await StoreAsync();
        await writer.PublishAsync(Samples.Publish("a", 1), None);
        await CloseAsync(writer);

        var reader = await StoreAsync();

        Same.Json(Samples.Document("a", 1), (await reader.GetAsync("a", 1, None))!.Document);
        Assert.Equal(1, await reader.GetAliasAsync("a", IDefinitionStore.CurrentAlias, None));
        Assert.Single(await reader.GetAliasHistoryAsync("a", IDefinitionStore.CurrentAlias, None));
    }

    [Fact]
    public async Task A_document_round_trips_exactly()
    {
        var store = await StoreAsync();
        var document = new JsonObject
        {
            ["id"] = "exact",
            ["numbers"] = new JsonArray(0, -1, 9_007_199_254_740_993, 1.0e-5, 0.1, 12.5),
            ["text"] = "quotes \" backslash \\ newline \n tab \t emoji 🚀 ünïcode",
            ["nested"] = new JsonObject { ["empty"] = new JsonObject(), ["list"] = new JsonArray(), ["null"] = null, ["flag"] = false },
        };

        await store.PublishAsync(new PublishRequest("exact", document, "sha256:x", "alice", "r"), None);

        Same.Json(document, (await store.GetAsync("exact", 1, None))!.Document);
    }
}
