using System.Text.Json.Nodes;
using Orchestrator.Core.Scheduling;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>What every <see cref="IScheduleStore"/> must do: schedules by name, and a journal of every change and fire.</summary>
public abstract class ScheduleStoreContract : StoreContract<IScheduleStore>
{
    private static ScheduleRecord Nightly(string name = "nightly") => new()
    {
        Name = name,
        WorkflowId = "self-improve-addition",
        WorkflowVersion = 4,
        Cron = "30 2 * * 1-5",
        TimeZone = "Europe/Berlin",
        Inputs = new JsonObject { ["rounds"] = 12, ["name"] = "naïve ✓" },
        Queue = "train",
        Overlap = OverlapPolicy.Queue,
        CreatedBy = "alice@host",
        CreatedAt = Records.T0,
    };

    [Fact]
    public async Task Save_then_find_round_trips_every_field()
    {
        var store = await StoreAsync();

        Assert.True(await store.SaveAsync(Nightly(), "alice@host", None));

        var found = await store.FindScheduleAsync("nightly", None);
        Assert.NotNull(found);
        Assert.Equal(Nightly() with { Inputs = found.Inputs }, found);
        Same.Json(Nightly().Inputs, found.Inputs);
    }

    [Fact]
    public async Task Defaults_round_trip_an_unpinned_version_and_no_fire_yet()
    {
        var store = await StoreAsync();
        var schedule = Nightly() with { WorkflowVersion = null, TimeZone = "UTC", Queue = "default", Overlap = OverlapPolicy.Skip, Inputs = new JsonObject() };

        await store.SaveAsync(schedule, "alice@host", None);

        var found = await store.FindScheduleAsync("nightly", None);
        Assert.Null(found!.WorkflowVersion);
        Assert.Equal(OverlapPolicy.Skip, found.Overlap);
        Assert.Null(found.LastRunId);
        Assert.Null(found.LastFireAt);
        Assert.Empty(found.Inputs);
    }

    [Fact]
    public async Task Saving_a_name_again_replaces_the_schedule_keeps_its_last_fire_and_journals_updated()
    {
        var store = await StoreAsync();
        await store.SaveAsync(Nightly(), "alice@host", None);
        await store.RecordFireAsync("nightly", Records.T0.AddDays(1), "fired", "nightly-run-1", null, "worker-a", None);

        Assert.False(await store.SaveAsync(Nightly() with { Cron = "0 * * * *" }, "bob@host", None));

        var found = await store.FindScheduleAsync("nightly", None);
        Assert.Equal("0 * * * *", found!.Cron);
        Assert.Equal("nightly-run-1", found.LastRunId);
        Assert.Equal(Records.T0.AddDays(1), found.LastFireAt);
        Assert.Equal(["created", "fired", "updated"], (await store.GetScheduleJournalAsync("nightly", None)).Select(e => e.Action));
    }

    [Fact]
    public async Task Find_returns_null_for_an_unknown_schedule()
    {
        var store = await StoreAsync();

        Assert.Null(await store.FindScheduleAsync("nope", None));
    }

    [Fact]
    public async Task List_returns_every_schedule_by_name()
    {
        var store = await StoreAsync();
        await store.SaveAsync(Nightly("zeta"), "a", None);
        await store.SaveAsync(Nightly("alpha"), "a", None);
        await store.SaveAsync(Nightly("mid"), "a", None);

        Assert.Equal(["alpha", "mid", "zeta"], (await store.ListSchedulesAsync(None)).Select(s => s.Name));
    }

    [Fact]
    public async Task Delete_removes_the_schedule_and_journals_it_once()
    {
        var store = await StoreAsync();
        await store.SaveAsync(Nightly(), "alice@host", None);

        Assert.True(await store.DeleteScheduleAsync("nightly", "bob@host", Records.T0.AddHours(1), None));
        Assert.False(await store.DeleteScheduleAsync("nightly", "bob@host", Records.T0.AddHours(2), None));

        Assert.Null(await store.FindScheduleAsync("nightly", None));
        var deleted = (await store.GetScheduleJournalAsync("nightly", None)).Last();
        Assert.Equal(("deleted", "bob@host", Records.T0.AddHours(1)), (deleted.Action, deleted.Actor, deleted.At));
        Assert.Equal(2, (await store.GetScheduleJournalAsync("nightly", None)).Count);
    }

    [Fact]
    public async Task A_skipped_fire_is_journalled_with_why_and_leaves_the_last_run_alone()
    {
        var store = await StoreAsync();
        await store.SaveAsync(Nightly(), "alice@host", None);
        await store.RecordFireAsync("nightly", Records.T0.AddDays(1), "fired", "run-1", null, "worker-a", None);

        await store.RecordFireAsync("nightly", Records.T0.AddDays(2), "skipped", null, "run-1 is still running", "worker-b", None);

        Assert.Equal("run-1", (await store.FindScheduleAsync("nightly", None))!.LastRunId);
        var skipped = (await store.GetScheduleJournalAsync("nightly", None)).Last();
        Assert.Equal(("skipped", "worker-b", (string?)null), (skipped.Action, skipped.Actor, skipped.RunId));
        Assert.Contains("run-1 is still running", skipped.Detail);
    }

    [Fact]
    public async Task A_fire_of_a_schedule_deleted_meanwhile_is_journalled_all_the_same()
    {
        var store = await StoreAsync();
        await store.SaveAsync(Nightly(), "alice@host", None);
        await store.DeleteScheduleAsync("nightly", "bob@host", Records.T0, None);

        await store.RecordFireAsync("nightly", Records.T0.AddDays(1), "failed", null, "schedule is gone", "worker-a", None);

        Assert.Equal(["created", "deleted", "failed"], (await store.GetScheduleJournalAsync("nightly", None)).Select(e => e.Action));
    }

    [Fact]
    public async Task The_whole_journal_is_in_order_across_schedules_and_instances()
    {
        var (a, b) = await (StoresAsync(2)) switch { var s => (s[0], s[1]) };
        await a.SaveAsync(Nightly("one"), "a", None);
        await b.SaveAsync(Nightly("two"), "b", None);
        await a.RecordFireAsync("two", Records.T0, "triggered", "two-run", null, "a", None);

        var journal = await b.GetScheduleJournalAsync(null, None);

        Assert.Equal([("one", "created"), ("two", "created"), ("two", "triggered")], journal.Select(e => (e.Schedule, e.Action)));
        Assert.Equal("two-run", (await b.FindScheduleAsync("two", None))!.LastRunId);
    }
}
