using Orchestrator.Core.Engine;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>Runs enqueued for workers: their queue and the queued status survive the store.</summary>
public abstract partial class RunStoreContract
{
    [Fact]
    public async Task A_queued_run_round_trips_its_queue_and_status()
    {
        var store = await StoreAsync();
        var run = Records.Run() with { Queue = "train", Status = RunStatus.Queued };

        await store.CreateRunAsync(run, None);

        Same.Run(run, await store.FindRunAsync(run.Id, None));
        Assert.Equal(RunStatus.Queued, Assert.Single(await store.ListRunsAsync(10, None)).Status);
    }

    [Fact]
    public async Task A_queued_run_that_a_worker_starts_is_running_on_the_same_queue()
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run() with { Queue = "train", Status = RunStatus.Queued }, None);

        await store.UpdateRunStatusAsync("run-1", RunStatus.Running, null, null, Records.T0.AddSeconds(1), None);

        var run = await store.FindRunAsync("run-1", None);
        Assert.Equal((RunStatus.Running, "train"), (run!.Status, run.Queue));
    }

    [Theory]
    [InlineData(RunStatus.Succeeded)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Cancelled)]
    [InlineData(RunStatus.Queued)]
    public async Task Every_status_reads_back_as_written(RunStatus status)
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run(), None);

        await store.UpdateRunStatusAsync("run-1", status, null, null, Records.T0.AddSeconds(1), None);

        Assert.Equal(status, (await store.FindRunAsync("run-1", None))!.Status);
    }
}
