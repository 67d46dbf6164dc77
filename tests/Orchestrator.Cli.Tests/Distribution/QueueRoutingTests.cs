using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Distribution;

/// <summary>
/// Steps that name a queue go to the workers serving it, through our store: the <c>train</c> step runs on the train
/// worker and no other, and a fan-out on its own queue spreads over the two workers serving that queue, fanned in by item order.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class QueueRoutingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_train_step_runs_only_on_the_train_worker_and_a_fan_out_spreads_over_both_fan_workers_in_item_order()
    {
        using var store = new TestStore("postgres");
        var file = store.Folder.Write("queues.yaml", DistributedWorkflows.Queues);
        await using var main = await WorkerProcess.StartAsync(store, "main", "--queues", "default", "--concurrency", "1");
        await using var train = await WorkerProcess.StartAsync(store, "train", "--queues", "train", "--concurrency", "1");
        await using var fanA = await WorkerProcess.StartAsync(store, "fan-a", "--queues", "fan", "--concurrency", "1");
        await using var fanB = await WorkerProcess.StartAsync(store, "fan-b", "--queues", "fan", "--concurrency", "1");
        var effects = store.Folder.File("effects.txt");
        var enqueued = await CliProcess.RunAsync(store.Folder.Path, store.Args("enqueue", file, "--id", "routed", "-i", $"effects={effects}", "-i", $"audit={store.Folder.File("audit.txt")}"));
        Assert.True(enqueued.ExitCode == 0, enqueued.Stderr);

        var run = await WorkerKillTests.WaitForStatusAsync(store, "routed", "succeeded", TimeSpan.FromMinutes(2));
        foreach (var worker in new[] { main, train, fanA, fanB }) output.WriteLine($"--- {worker.Name}\n{worker.Output}");

        static int Attempts(WorkerProcess worker, string step) => worker.Lines.Count(l => l.StartsWith("attempt ", StringComparison.Ordinal) && l.Contains($" of {step}", StringComparison.Ordinal));
        Assert.Equal(1, Attempts(train, "train"));
        Assert.Equal(0, Attempts(main, "train") + Attempts(fanA, "train") + Attempts(fanB, "train"));
        var fanned = new[] { fanA, fanB }.Select(w => Enumerable.Range(0, 6).Sum(i => Attempts(w, $"fan/{i}/square"))).ToList();
        Assert.Equal(6, fanned.Sum());
        Assert.All(fanned, count => Assert.True(count >= 1, $"a fan worker took no branch: {string.Join(", ", fanned)}"));
        Assert.Equal(0, Enumerable.Range(0, 6).Sum(i => Attempts(main, $"fan/{i}/square") + Attempts(train, $"fan/{i}/square")));

        var squares = run["output"]!["fan"]!.AsArray().Select(b => (double)b!["square"]!).ToList();
        Assert.Equal([1, 4, 9, 16, 25, 36], squares);
    }

    [Fact]
    public async Task A_run_enqueued_on_a_queue_no_live_worker_serves_is_named_in_a_warning()
    {
        using var store = new TestStore("postgres");
        var file = store.Folder.Write("steps.yaml", DistributedWorkflows.Steps);
        var enqueued = await CliProcess.RunAsync(store.Folder.Path, store.Args("enqueue", file, "--queue", "gpu", "--json",
            "-i", $"effects={store.Folder.File("e.txt")}", "-i", $"audit={store.Folder.File("a.txt")}"));
        Assert.True(enqueued.ExitCode == 0, enqueued.Stderr);
        Assert.Contains("no live worker serves queue 'gpu'", enqueued.Stderr);
        var run = JsonNode.Parse(enqueued.Stdout)!;
        Assert.Equal("queued", (string)run["status"]!);
        Assert.Equal("gpu", (string)run["queue"]!);
    }
}
