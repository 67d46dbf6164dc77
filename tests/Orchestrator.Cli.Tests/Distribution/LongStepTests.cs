using Orchestrator.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Distribution;

/// <summary>
/// The known pitfall of Hangfire.PostgreSql: a job running longer than the invisibility timeout is fetched again by
/// another worker while the first still runs it. With sliding invisibility the live worker renews its job, so a step
/// three times longer than --requeue-after runs once, even with an idle worker beside it.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class LongStepTests(ITestOutputHelper output)
{
    private const string Long = """
        id: long-step
        version: 1
        inputs:
          effects: { type: string }
          audit: { type: string }
        steps:
          - id: train
            uses: sample/append
            queue: train
            with: { file: "${inputs.effects}", auditFile: "${inputs.audit}", text: "trained", work: 16s }
        """;

    [Fact]
    public async Task A_step_longer_than_the_requeue_time_is_never_fetched_twice_while_its_worker_lives()
    {
        using var store = new TestStore("postgres");
        var file = store.Folder.Write("long.yaml", Long);
        var audit = store.Folder.File("audit.txt");
        await using var owner = await WorkerProcess.StartAsync(store, "owner", "--requeue-after", "5s", "--concurrency", "1");
        await using var trainA = await WorkerProcess.StartAsync(store, "train-a", "--queues", "train", "--requeue-after", "5s", "--concurrency", "1");
        await using var trainB = await WorkerProcess.StartAsync(store, "train-b", "--queues", "train", "--requeue-after", "5s", "--concurrency", "1");
        var enqueued = await CliProcess.RunAsync(store.Folder.Path, store.Args("enqueue", file, "--id", "long", "-i", $"effects={store.Folder.File("effects.txt")}", "-i", $"audit={audit}"));
        Assert.True(enqueued.ExitCode == 0, enqueued.Stderr);

        await WorkerKillTests.WaitForStatusAsync(store, "long", "succeeded", TimeSpan.FromMinutes(2));
        foreach (var worker in new[] { owner, trainA, trainB }) output.WriteLine($"--- {worker.Name}\n{worker.Output}");
        Assert.Single(File.ReadAllLines(audit));
        var takers = new[] { trainA, trainB }.Count(w => w.Lines.Any(l => l.StartsWith("attempt 1 of train", StringComparison.Ordinal)));
        Assert.Equal(1, takers);
    }
}
