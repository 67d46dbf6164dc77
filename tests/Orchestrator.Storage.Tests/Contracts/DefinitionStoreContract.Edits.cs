using System.Text.Json.Nodes;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>The self-edit journal: every proposal kept in order per definition, refused ones with their reasons.</summary>
public abstract partial class DefinitionStoreContract
{
    private static JsonArray Patch(double lr) => [new JsonObject { ["op"] = "replace", ["path"] = "/steps/0/with/lr", ["value"] = lr }];

    [Fact]
    public async Task Proposals_are_journalled_in_order_with_editor_parent_patch_reasons_and_draft()
    {
        var store = await StoreAsync();
        await store.PublishAsync(Samples.Publish("a", 1), None);

        var refused = await store.AppendEditAsync(new EditJournalEntry("a", 1, "bandit@3", Patch(5.0), false,
            [new EditRejection("/0", "'/steps/0/with/lr': 5 is above the maximum 0.01"), new EditRejection("/1", "'remove' is not allowed")], Rationale: "explore"), None);
        var accepted = await store.AppendEditAsync(new EditJournalEntry("a", 1, "operator:dana", Patch(0.002), true, [], DraftVersion: 2), None);
        await store.AppendEditAsync(new EditJournalEntry("b", 4, "bandit@3", Patch(0.001), true, [], DraftVersion: 5), None);

        Assert.Equal((1L, 2L), (refused.Sequence, accepted.Sequence));
        var journal = await store.GetEditsAsync("a", None);
        Assert.Equal([1L, 2L], journal.Select(e => e.Sequence));
        var first = journal[0];
        Assert.Equal(("a", 1, "bandit@3", false, (int?)null, "explore"), (first.DefinitionId, first.ParentVersion, first.Editor, first.Accepted, first.DraftVersion, first.Rationale));
        Assert.Equal(["/0: '/steps/0/with/lr': 5 is above the maximum 0.01", "/1: 'remove' is not allowed"], first.Rejections.Select(r => r.ToString()));
        Same.Json(Patch(5.0), first.Patch);
        Assert.Equal(refused.At, first.At);
        Assert.Equal((true, (int?)2, 0), (journal[1].Accepted, journal[1].DraftVersion, journal[1].Rejections.Count));
        Assert.Single(await store.GetEditsAsync("b", None));
        Assert.Empty(await store.GetEditsAsync("c", None));
    }

    [Fact]
    public async Task Details_read_back_as_written_and_entries_without_them_read_back_without()
    {
        var store = await StoreAsync();
        await store.PublishAsync(Samples.Publish("a", 1), None);
        var details = new JsonObject
        {
            ["step"] = "run-1/generation/1/propose", ["slot"] = 2, ["model"] = "gpt-4o-mini-2024-07-18",
            ["usage"] = new JsonObject { ["prompt"] = 812, ["completion"] = 41 }, ["failure"] = "timed out after 5 s", ["answer"] = "naïve “prose” ✓",
        };

        var appended = await store.AppendEditAsync(new EditJournalEntry("a", 1, "editor:llm@0", [], false, [new EditRejection("", "timed out after 5 s")], Details: details), None);
        await store.AppendEditAsync(new EditJournalEntry("a", 1, "operator:dana", Patch(0.002), true, [], DraftVersion: 2), None);

        var journal = await store.GetEditsAsync("a", None);
        Same.Json(details, journal[0].Details);
        Same.Json(details, appended.Details);
        Assert.Null(journal[1].Details);
        Assert.Empty(journal[0].Patch);
    }
}
