using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>
/// What every <see cref="IRunControlStore"/> must do: one progress row per run, the latest written, readable for a page of
/// runs at once; one pending cancel request per run, the first kept until it is cleared. Instances share what they write.
/// </summary>
public abstract class RunControlStoreContract : StoreContract<IRunControlStore>
{
    private static StepProgress Figures(long done = 300) => new("train", done, 800)
    {
        Loss = 0.123456789012345,
        TokensPerSecond = 31_987.5,
        Remaining = TimeSpan.FromTicks(1_234_567_891),
        Detail = "length 14: 0.93 ✓",
    };

    private static RunProgress Report(string runId = "run-1", long done = 300, string stepKey = "round/2/train") =>
        new(runId, stepKey, Figures(done), Records.T0.AddTicks(done));

    [Fact]
    public async Task Progress_reads_back_with_every_field()
    {
        var (a, b) = await StoresAsync(2) switch { var s => (s[0], s[1]) };

        await a.ReportProgressAsync(Report(), None);

        Assert.Equal(Report(), await b.GetProgressAsync("run-1", None));
        Assert.Null(await b.GetProgressAsync("run-2", None));
    }

    [Fact]
    public async Task Progress_with_only_the_required_figures_reads_back_without_the_others()
    {
        var store = await StoreAsync();
        var bare = new RunProgress("run-1", "train", new StepProgress("warm-up", 0, 0), Records.T0);

        await store.ReportProgressAsync(bare, None);

        Assert.Equal(bare, await store.GetProgressAsync("run-1", None));
    }

    [Fact]
    public async Task A_loss_that_is_not_a_number_is_kept_as_such()
    {
        var store = await StoreAsync();
        var diverged = Report() with { Progress = Figures() with { Loss = double.NaN, TokensPerSecond = double.PositiveInfinity } };

        await store.ReportProgressAsync(diverged, None);

        var read = (await store.GetProgressAsync("run-1", None))!.Progress;
        Assert.True(double.IsNaN(read.Loss!.Value));
        Assert.Equal(double.PositiveInfinity, read.TokensPerSecond);
    }

    [Fact]
    public async Task A_later_report_replaces_the_earlier_one_whoever_writes_it()
    {
        var (a, b) = await StoresAsync(2) switch { var s => (s[0], s[1]) };
        await a.ReportProgressAsync(Report(done: 300), None);

        await b.ReportProgressAsync(Report(done: 400, stepKey: "round/3/train"), None);

        Assert.Equal(Report(done: 400, stepKey: "round/3/train"), await a.GetProgressAsync("run-1", None));
        Assert.Single(await a.GetProgressAsync(["run-1"], None));
    }

    [Fact]
    public async Task A_page_of_runs_gives_the_progress_of_those_that_have_any_keyed_by_run()
    {
        var store = await StoreAsync();
        await store.ReportProgressAsync(Report("run-1", 10), None);
        await store.ReportProgressAsync(Report("run-3", 30), None);
        await store.ReportProgressAsync(Report("run-4", 40), None);

        var page = await store.GetProgressAsync(["run-1", "run-2", "run-3", "run-1"], None);

        Assert.Equal(["run-1", "run-3"], page.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Report("run-3", 30), page["run-3"]);
        Assert.Empty(await store.GetProgressAsync([], None));
    }

    [Fact]
    public async Task A_page_longer_than_one_query_takes_is_answered_whole()
    {
        var store = await StoreAsync();
        var ids = Enumerable.Range(0, 1_234).Select(i => $"run-{i:0000}").ToList();
        foreach (var id in ids.Where((_, i) => i % 100 == 7)) await store.ReportProgressAsync(Report(id), None);

        var page = await store.GetProgressAsync(ids, None);

        Assert.Equal(ids.Where((_, i) => i % 100 == 7), page.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_cancel_request_is_found_by_every_instance_with_who_why_and_when()
    {
        var (a, b) = await StoresAsync(2) switch { var s => (s[0], s[1]) };
        var request = new CancelRequest("run-1", "key:ci-bot", "wrong dataset — ünïcode ✓", Records.T0);

        await a.RequestCancelAsync(request, None);

        Assert.Equal(request, await b.FindCancelRequestAsync("run-1", None));
        Assert.Null(await b.FindCancelRequestAsync("run-2", None));
    }

    [Fact]
    public async Task A_repeated_request_keeps_the_first_until_it_is_cleared()
    {
        var (a, b) = await StoresAsync(2) switch { var s => (s[0], s[1]) };
        var first = new CancelRequest("run-1", "user:alice", "first", Records.T0);
        var second = new CancelRequest("run-1", "user:bob", "second", Records.T0.AddMinutes(1));
        await a.RequestCancelAsync(first, None);

        await b.RequestCancelAsync(second, None);
        Assert.Equal(first, await a.FindCancelRequestAsync("run-1", None));

        await b.ClearCancelRequestAsync("run-1", None);
        Assert.Null(await a.FindCancelRequestAsync("run-1", None));

        await a.RequestCancelAsync(second, None);
        Assert.Equal(second, await b.FindCancelRequestAsync("run-1", None));
    }

    [Fact]
    public async Task Clearing_touches_only_that_run_and_clearing_nothing_is_harmless()
    {
        var store = await StoreAsync();
        var other = new CancelRequest("run-2", "user:alice", "", Records.T0);
        await store.RequestCancelAsync(other, None);
        await store.ReportProgressAsync(Report("run-1"), None);

        await store.ClearCancelRequestAsync("run-1", None);

        Assert.Equal(other, await store.FindCancelRequestAsync("run-2", None));
        Assert.Equal(Report("run-1"), await store.GetProgressAsync("run-1", None));
    }

    [Fact]
    public async Task A_request_or_report_without_a_run_or_an_author_is_refused()
    {
        var store = await StoreAsync();

        Assert.Equal("RunId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.RequestCancelAsync(new CancelRequest(" ", "user:alice", "", Records.T0), None))).ParamName);
        Assert.Equal("By", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.RequestCancelAsync(new CancelRequest("run-1", "", "", Records.T0), None))).ParamName);
        Assert.Equal("RunId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReportProgressAsync(Report(runId: ""), None))).ParamName);
        Assert.Null(await store.FindCancelRequestAsync("run-1", None));
    }
}
