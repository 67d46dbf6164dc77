using Orchestrator.Cli.Tests.Distribution;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Storage;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// The crash campaign of <see cref="LoopCrashCampaignTests"/> with the run on worker processes sharing a PostgreSQL
/// store: the tiny self-improvement loop is enqueued, and the worker holding its lease is SIGKILLed at seeded random
/// moments, a fresh worker started each time, until the others finish it. Its store must equal that of the same
/// run on one worker never killed: champion, lineage, alias journals, rounds, workflow versions and self-edits.
/// Two full runs of the loop on workers are too slow for the suite, so it runs only when
/// ORCHESTRATOR_RELIABILITY_WORKER_KILLS is set (tests/reliability/crash-campaign.sh sets it).
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class WorkerLoopCrashCampaignTests(ITestOutputHelper output)
{
    private static readonly string[] Worker = ["--requeue-after", "5s", "--concurrency", "1"];

    private static int Kills => int.TryParse(Environment.GetEnvironmentVariable("ORCHESTRATOR_RELIABILITY_WORKER_KILLS"), out var kills) ? kills : 0;
    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("ORCHESTRATOR_RELIABILITY_SEED"), out var seed) ? seed : 20261203;

    [Fact]
    public async Task Workers_sigkilled_while_they_hold_the_loop_leave_it_to_the_others_and_it_ends_like_a_run_never_killed()
    {
        if (Kills == 0)
        {
            output.WriteLine("ORCHESTRATOR_RELIABILITY_WORKER_KILLS is not set: tests/reliability/crash-campaign.sh runs this campaign");
            return;
        }
        using var reference = new TestStore("postgres");
        using var crashed = new TestStore("postgres");
        await EnqueueAsync(reference);
        await using (var worker = await WorkerProcess.StartAsync(reference, "reference", Worker))
            await WorkerKillTests.WaitForStatusAsync(reference, TinyLoop.RunId, "succeeded", TimeSpan.FromMinutes(15));
        var expected = await LoopSnapshot.ReadAsync(reference.Location);

        var random = new Random(Seed);
        var landings = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var workers = new List<WorkerProcess>();
        try
        {
            for (var i = 0; i < 2; i++) workers.Add(await WorkerProcess.StartAsync(crashed, $"w{i}", Worker));
            await EnqueueAsync(crashed);
            for (var kill = 0; kill < Kills; kill++)
            {
                // A few commits further on, then a moment more: the kills spread along the run instead of all
                // falling in its first long step, which a kill every few seconds would start again and again.
                var holder = await HolderAsync(crashed, workers, random.Next(0, 5));
                if (holder is null) break;
                await Task.Delay(random.Next(0, 3_000));
                if (holder.HasExited) continue;
                await holder.KillAsync();
                workers.Remove(holder);
                using (var stores = StoreFactory.Open(crashed.Location, crashed.Artifacts))
                {
                    var landing = await KillLanding.ReadAsync(stores, "run");
                    landings[landing] = landings.GetValueOrDefault(landing) + 1;
                    output.WriteLine($"kill {kill + 1}: SIGKILL {holder.Name}, landed in {landing}");
                }
                workers.Add(await WorkerProcess.StartAsync(crashed, $"w{2 + kill}", Worker));
            }
            await WorkerKillTests.WaitForStatusAsync(crashed, TinyLoop.RunId, "succeeded", TimeSpan.FromMinutes(15));
        }
        finally
        {
            foreach (var worker in workers) await worker.DisposeAsync();
        }

        var killed = landings.Values.Sum();
        output.WriteLine($"worker campaign on PostgreSQL (seed {Seed}): {killed} workers SIGKILLed while holding the run");
        foreach (var (landing, count) in landings) output.WriteLine($"  {count,4}  {landing}");
        var differences = LoopSnapshot.Differences(expected, await LoopSnapshot.ReadAsync(crashed.Location));
        Assert.True(differences.Count == 0, $"the run on killed workers differs from the run never killed:\n  {string.Join("\n  ", differences)}");
        Assert.True(killed > 0, "no worker was killed while holding the run");
    }

    private static async Task EnqueueAsync(TestStore store)
    {
        var patch = store.Folder.Write("tiny.json", TinyLoop.Patch);
        foreach (var args in new[] { TinyLoop.PublishArgs, TinyLoop.EditArgs(patch), TinyLoop.StartArgs("enqueue") })
        {
            var result = await CliProcess.RunAsync(store.Folder.Path, store.Args(args));
            Assert.True(result.ExitCode == 0, $"{args[0]} exited {result.ExitCode}: {result.Stdout}{result.Stderr}");
        }
    }

    /// <summary>The worker holding the run's lease once <paramref name="commits"/> more steps are committed, or null once the run has ended.</summary>
    private static async Task<WorkerProcess?> HolderAsync(TestStore store, IReadOnlyList<WorkerProcess> workers, int commits)
    {
        int? target = null;
        for (var tries = 0; tries < 3000; tries++)
        {
            using (var stores = StoreFactory.Open(store.Location, store.Artifacts))
            {
                var run = await stores.Runs.FindRunAsync(TinyLoop.RunId, CancellationToken.None);
                if (run is { Status: not (Core.Engine.RunStatus.Running or Core.Engine.RunStatus.Queued) }) return null;
                target ??= (run?.StepsCommitted ?? 0) + commits;
                if ((run?.StepsCommitted ?? 0) >= target
                    && await RunLease.HolderPidAsync(store, TinyLoop.RunId) is { } pid && workers.FirstOrDefault(w => w.Pid == pid) is { } holder)
                    return holder;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("no worker took the run:\n" + string.Join("\n", workers.Select(w => w.Output)));
    }
}
