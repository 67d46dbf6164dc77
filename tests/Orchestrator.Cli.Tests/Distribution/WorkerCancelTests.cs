using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Storage;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Distribution;

/// <summary>A run on a worker stops when a cancel is requested in the store: mid-step, or before its first step while it waits in the queue.</summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerCancelTests(ITestOutputHelper output)
{
    private const string Long = """
        id: long
        state: { done: 0 }
        steps:
          - { id: first, uses: set, with: { done: 1 } }
          - { id: nap, uses: wait, with: { duration: 10m } }
          - { id: last, uses: set, with: { done: 2 } }
        """;

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task A_requested_cancel_stops_a_running_run_and_a_queued_one_before_its_first_step_and_neither_runs_again(string backend)
    {
        using var store = new TestStore(backend);
        var file = store.Folder.Write("long.yaml", Long);
        Assert.Equal(0, (await CliProcess.RunAsync(store.Folder.Path, store.Args("enqueue", file, "--id", "waiting"))).ExitCode);
        await RequestCancelAsync(store, "waiting", "not needed");
        await using var worker = await WorkerProcess.StartAsync(store, "only", "--concurrency", "1");

        var waiting = await WorkerKillTests.WaitForStatusAsync(store, "waiting", "cancelled", TimeSpan.FromSeconds(60));
        Assert.Equal(0, (int)waiting["stepsCommitted"]!);
        Assert.Equal(CancelRequest.ErrorType, (string?)waiting["error"]!["type"]);

        Assert.Equal(0, (await CliProcess.RunAsync(store.Folder.Path, store.Args("enqueue", file, "--id", "running"))).ExitCode);
        await worker.WaitForAsync(l => l.Contains("running ok   first", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        await RequestCancelAsync(store, "running", "the nap is too long");

        var running = await WorkerKillTests.WaitForStatusAsync(store, "running", "cancelled", TimeSpan.FromSeconds(60));
        await worker.WaitForAsync(l => l.Contains("run running: cancelled at nap: [cancel-requested]", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        output.WriteLine(worker.Output);
        Assert.Equal(1, (int)running["stepsCommitted"]!);
        Assert.Contains("key:ops", (string?)running["error"]!["message"], StringComparison.Ordinal);
        Assert.False(worker.HasExited, "the worker stopped with the run");
    }

    private static async Task RequestCancelAsync(TestStore store, string runId, string reason)
    {
        using var stores = StoreFactory.Open(store.Location, store.Artifacts);
        await stores.Control.RequestCancelAsync(new CancelRequest(runId, "key:ops", reason, DateTimeOffset.UtcNow), CancellationToken.None);
    }
}
