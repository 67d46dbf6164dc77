using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>
/// What every <see cref="IRunStore"/> must do: runs here; the step journal, durability, the real engine and
/// artifact references in the other parts of this class.
/// </summary>
public abstract partial class RunStoreContract : StoreContract<IRunStore>
{
    [Fact]
    public async Task Create_then_find_round_trips_every_field()
    {
        var store = await StoreAsync();
        var run = Records.Run() with
        {
            Status = RunStatus.Failed,
            Output = new JsonArray(1, "two", new JsonObject { ["three"] = 3.25 }),
            Error = new StepError("exception:System.IO.IOException", "disk \"gone\"\nline two", "round/0/train", "/steps/0/do/4", 2),
            StepsCommitted = 7,
            CreatedAt = new DateTimeOffset(2025, 3, 14, 11, 26, 53, TimeSpan.FromHours(2)).AddTicks(1234567),
        };

        await store.CreateRunAsync(run, None);

        Same.Run(run, await store.FindRunAsync(run.Id, None));
    }

    [Fact]
    public async Task Optional_fields_round_trip_as_null()
    {
        var store = await StoreAsync();
        var run = Records.Run() with { SourceFile = null, Position = null, Output = null, Error = null, State = new JsonObject() };

        await store.CreateRunAsync(run, None);

        Same.Run(run, await store.FindRunAsync(run.Id, None));
    }

    [Fact]
    public async Task Find_returns_null_for_an_unknown_run()
    {
        var store = await StoreAsync();

        Assert.Null(await store.FindRunAsync("no-such-run", None));
    }

    [Fact]
    public async Task Create_refuses_a_second_run_with_the_same_id_and_keeps_the_first()
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run(), None);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateRunAsync(Records.Run() with { Seed = 1 }, None));

        Assert.Contains("run-1 already exists", e.Message);
        Assert.Equal(Records.Run().Seed, (await store.FindRunAsync("run-1", None))!.Seed);
    }

    [Fact]
    public async Task List_returns_newest_first_up_to_the_limit()
    {
        var store = await StoreAsync();
        // Created out of order, and two in the same tick: the later insert counts as the newer.
        await store.CreateRunAsync(Records.Run("b", Records.T0.AddMinutes(1)), None);
        await store.CreateRunAsync(Records.Run("a", Records.T0), None);
        await store.CreateRunAsync(Records.Run("d", Records.T0.AddHours(1)), None);
        await store.CreateRunAsync(Records.Run("c", Records.T0.AddMinutes(1)), None);

        var runs = await store.ListRunsAsync(3, None);

        Assert.Equal(["d", "c", "b"], runs.Select(r => r.Id));
        Same.Run(Records.Run("d", Records.T0.AddHours(1)), runs[0]);
    }

    [Fact]
    public async Task List_orders_by_instant_whatever_offset_the_times_were_given_in()
    {
        var store = await StoreAsync();
        // 10:00+02:00 is 08:00 UTC, earlier than 09:00 UTC although its local text sorts later.
        await store.CreateRunAsync(Records.Run("utc-nine", new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero)), None);
        await store.CreateRunAsync(Records.Run("plus-two-ten", new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.FromHours(2))), None);

        var runs = await store.ListRunsAsync(10, None);

        Assert.Equal(["utc-nine", "plus-two-ten"], runs.Select(r => r.Id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task List_with_no_room_returns_no_runs(int limit)
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run(), None);

        Assert.Empty(await store.ListRunsAsync(limit, None));
    }

    [Fact]
    public async Task UpdateRunStatus_sets_status_output_error_and_time()
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run(), None);
        var error = new StepError("assertion-failed", "expected 4", "check", "/steps/1", 3);
        var later = Records.T0.AddMinutes(5);

        await store.UpdateRunStatusAsync("run-1", RunStatus.Failed, new JsonObject { ["partial"] = true }, error, later, None);

        var run = await store.FindRunAsync("run-1", None);
        Assert.Equal(RunStatus.Failed, run!.Status);
        Same.Json(new JsonObject { ["partial"] = true }, run.Output);
        Assert.Equal(error, run.Error);
        Assert.Equal(later, run.UpdatedAt);
    }

    [Fact]
    public async Task UpdateRunStatus_to_running_clears_a_previous_error()
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run(), None);
        await store.UpdateRunStatusAsync("run-1", RunStatus.Failed, null, new StepError("t", "m", "k", "/p", 1), Records.T0, None);

        await store.UpdateRunStatusAsync("run-1", RunStatus.Running, null, null, Records.T0.AddSeconds(1), None);

        var run = await store.FindRunAsync("run-1", None);
        Assert.Equal(RunStatus.Running, run!.Status);
        Assert.Null(run.Error);
        Assert.Null(run.Output);
    }

    [Fact]
    public async Task UpdateRunStatus_of_an_unknown_run_throws_naming_it()
    {
        var store = await StoreAsync();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.UpdateRunStatusAsync("ghost", RunStatus.Succeeded, null, null, Records.T0, None));

        Assert.Contains("ghost", e.Message);
    }
}
