using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Distribution;

/// <summary>
/// meta/trial run by a worker queues its runs, so a trial's seeds run on every worker at once; the trial waits for
/// them in the store, fans in by seed order, and a resumed trial reuses the runs that finished.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class ParallelTrialTests(ITestOutputHelper output)
{
    // Stands in for an improvement loop: it reports the four numbers the meta-objective reads.
    private const string Improve = """
        id: fake-improve
        version: 1
        inputs:
          effects: { type: string }
        steps:
          - id: train
            uses: sample/append
            with: { file: "${inputs.effects}", text: "trained", work: 2s }
        output: "${ { frontier: 5, baseFrontier: 3, trainingSteps: 3000, baseTrainingSteps: 1000 } }"
        """;

    private const string Meta = """
        id: fake-meta
        version: 1
        inputs:
          effects: { type: string }
        steps:
          - id: trial
            uses: meta/trial
            with: { target: fake-improve, version: 1, seeds: [1, 2, 3, 4], inputs: { effects: "${inputs.effects}" } }
        output: "${steps.trial.output}"
        """;

    [Fact]
    public async Task A_trial_run_by_a_worker_spreads_its_seeds_over_two_workers_and_fans_in_by_seed()
    {
        using var store = new TestStore("postgres");
        var published = await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", store.Folder.Write("fake-improve.yaml", Improve)));
        Assert.True(published.ExitCode == 0, published.Stderr);
        var meta = store.Folder.Write("fake-meta.yaml", Meta);
        await using var a = await WorkerProcess.StartAsync(store, "a", "--concurrency", "1");
        await using var b = await WorkerProcess.StartAsync(store, "b", "--concurrency", "1");
        var enqueued = await CliProcess.RunAsync(store.Folder.Path, store.Args("enqueue", meta, "--id", "outer", "-i", $"effects={store.Folder.File("effects.txt")}"));
        Assert.True(enqueued.ExitCode == 0, enqueued.Stderr);

        var run = await WorkerKillTests.WaitForStatusAsync(store, "outer", "succeeded", TimeSpan.FromMinutes(2));
        output.WriteLine($"--- a\n{a.Output}\n--- b\n{b.Output}");
        var seeds = run["output"]!["results"]!.AsArray().Select(r => (long)r!["seed"]!).ToList();
        Assert.Equal([1L, 2, 3, 4], seeds);
        Assert.All(run["output"]!["results"]!.AsArray(), r => Assert.Equal(1.0, (double)r!["rate"]!));

        // Each child ran once, on one worker or the other, and both workers ran some.
        var children = seeds.Select(s => $"outer.trial.s{s}").ToList();
        int Ran(WorkerProcess worker, string child) => worker.Lines.Count(l => l.StartsWith($"resuming {child}:", StringComparison.Ordinal));
        Assert.All(children, child => Assert.Equal(1, Ran(a, child) + Ran(b, child)));
        Assert.True(children.Sum(c => Ran(a, c)) >= 1 && children.Sum(c => Ran(b, c)) >= 1, "the trial did not spread over both workers");
        Assert.Equal(4, File.ReadAllLines(store.Folder.File("effects.txt")).Length);
    }
}
