using System.Text.Json.Nodes;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>
/// What every <see cref="IDispatchStore"/> must do: one record per (run, step key, attempt), whoever adds it first,
/// and one outcome per record, whoever finishes it first — a transport that delivers twice changes nothing.
/// </summary>
public abstract class DispatchStoreContract : StoreContract<IDispatchStore>
{
    private static DispatchedAttempt Attempt(int attempt = 1, string marker = "first") => new()
    {
        RunId = "run-1",
        StepKey = "round/0/train",
        Attempt = attempt,
        Queue = "train",
        Invocation = new JsonObject { ["uses"] = "learning/train", ["marker"] = marker, ["text"] = "ünïcode ✓" },
        CreatedAt = Records.T0.AddSeconds(attempt),
    };

    private static JsonObject Outcome(string by) => new() { ["kind"] = "completed", ["by"] = by };

    [Fact]
    public async Task Add_then_find_round_trips_a_pending_attempt()
    {
        var store = await StoreAsync();

        var added = await store.AddDispatchAsync(Attempt(), None);

        var found = await store.FindDispatchAsync("run-1", "round/0/train", 1, None);
        Assert.NotNull(found);
        Assert.Equal(("train", Records.T0.AddSeconds(1), false), (found.Queue, found.CreatedAt, found.IsFinished));
        Same.Json(Attempt().Invocation, found.Invocation);
        Same.Json(found.Invocation, added.Invocation);
        Assert.Null(found.FinishedBy);
        Assert.Null(found.FinishedAt);
    }

    [Fact]
    public async Task Adding_the_same_attempt_again_returns_the_first_record_unchanged()
    {
        var (a, b) = await StoresAsync(2) switch { var s => (s[0], s[1]) };
        await a.AddDispatchAsync(Attempt(marker: "first"), None);

        var again = await b.AddDispatchAsync(Attempt(marker: "second"), None);

        Assert.Equal("first", (string?)again.Invocation["marker"]);
        Assert.Single(await a.ListDispatchesAsync("run-1", "round/0/train", None));
    }

    [Fact]
    public async Task The_first_finish_wins_and_a_repeated_delivery_changes_nothing()
    {
        var (a, b) = await StoresAsync(2) switch { var s => (s[0], s[1]) };
        await a.AddDispatchAsync(Attempt(), None);

        Assert.True(await a.FinishDispatchAsync("run-1", "round/0/train", 1, Outcome("worker-a"), "worker-a", Records.T0.AddMinutes(1), None));
        Assert.False(await b.FinishDispatchAsync("run-1", "round/0/train", 1, Outcome("worker-b"), "worker-b", Records.T0.AddMinutes(2), None));

        var found = await b.FindDispatchAsync("run-1", "round/0/train", 1, None);
        Assert.True(found!.IsFinished);
        Assert.Equal(("worker-a", Records.T0.AddMinutes(1)), (found.FinishedBy, found.FinishedAt));
        Same.Json(Outcome("worker-a"), found.Outcome);
    }

    [Fact]
    public async Task Finishing_an_attempt_that_was_never_dispatched_stores_nothing()
    {
        var store = await StoreAsync();

        Assert.False(await store.FinishDispatchAsync("run-1", "round/0/train", 1, Outcome("w"), "w", Records.T0, None));
        Assert.Null(await store.FindDispatchAsync("run-1", "round/0/train", 1, None));
    }

    [Fact]
    public async Task List_returns_one_steps_attempts_by_number_and_no_other_steps()
    {
        var store = await StoreAsync();
        await store.AddDispatchAsync(Attempt(3), None);
        await store.AddDispatchAsync(Attempt(1), None);
        await store.AddDispatchAsync(Attempt(2), None);
        await store.AddDispatchAsync(Attempt(1) with { StepKey = "round/1/train" }, None);
        await store.AddDispatchAsync(Attempt(1) with { RunId = "run-2" }, None);

        var attempts = await store.ListDispatchesAsync("run-1", "round/0/train", None);

        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Empty(await store.ListDispatchesAsync("run-1", "round/9/train", None));
    }
}
