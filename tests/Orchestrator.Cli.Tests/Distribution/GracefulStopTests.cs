using Orchestrator.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Distribution;

/// <summary>SIGTERM stops a worker at a step boundary: its run is recorded cancelled, stays resumable, and another worker finishes it.</summary>
[Collection(WorkerCollection.Name)]
public sealed class GracefulStopTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task Sigterm_mid_run_cancels_it_at_a_step_boundary_and_the_next_worker_finishes_it(string backend)
    {
        using var store = new TestStore(backend);
        var file = store.Folder.Write("steps.yaml", DistributedWorkflows.Steps);
        var effects = store.Folder.File("effects.txt");
        var audit = store.Folder.File("audit.txt");
        await using var first = await WorkerProcess.StartAsync(store, "first", "--concurrency", "1");
        var enqueued = await CliProcess.RunAsync(store.Folder.Path, store.Args("enqueue", file, "--id", "stopped", "-i", $"effects={effects}", "-i", $"audit={audit}", "-i", "work=700ms"));
        Assert.True(enqueued.ExitCode == 0, enqueued.Stderr);

        await first.WaitForAsync(l => l.Contains("stopped ok   rounds/2/touch", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(60)));
        output.WriteLine(first.Output);
        var stopped = await WorkerKillTests.WaitForStatusAsync(store, "stopped", "cancelled", TimeSpan.FromSeconds(10));
        var committed = (int)stopped["stepsCommitted"]!;
        Assert.InRange(committed, 5, 15);

        await using var second = await WorkerProcess.StartAsync(store, "second", "--concurrency", "1");
        var finished = await WorkerKillTests.WaitForStatusAsync(store, "stopped", "succeeded", TimeSpan.FromMinutes(2));
        output.WriteLine(second.Output);
        Assert.Equal(8, (int)finished["output"]!["count"]!);
        // The step running at the stop was cancelled, not committed, and ran again; no committed step ran twice.
        var repeated = File.ReadAllLines(audit).GroupBy(l => l.Split('\t')[0]).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count <= 1, string.Join(", ", repeated));
        Assert.Equal(8, File.ReadAllLines(effects).Length);
    }
}
