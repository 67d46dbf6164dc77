using System.Diagnostics;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Storage.Sqlite;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Learning;

/// <summary>The real command, SIGKILLed in the middle of post-training, then resumed.</summary>
public sealed class PostTrainCrashTests(ITestOutputHelper output) : IDisposable
{
    private const string RunId = "crash-train";
    private readonly TempFolder _temp = new();

    private const string Workflow = """
        id: tiny-loop
        version: 1
        steps:
          - id: base
            uses: learning/pretrain
            with: { model: adder, task: arithmetic/addition, maxLength: 2, rampFrom: 0, layers: 2, width: 32, steps: 20, warmup: 2, decay: 5, batch: 32, checkpointEvery: 0, replayItems: 200 }
          - id: crown
            uses: registry/promote
            with: { model: "${steps.base.output.model}", reason: base model }
          - id: train
            uses: learning/post-train
            with: { model: adder@champion, dataset: "${steps.base.output.dataset}", steps: 600, batch: 32, warmup: 5, decay: 50, checkpointEvery: 10 }
          - id: promote
            uses: registry/promote
            with: { model: "${steps.train.output.model}", reason: trained further }
        output: "${steps.promote.output.model}"
        """;

    [Fact]
    public async Task Killed_during_post_train_it_resumes_from_the_last_checkpoint_and_promotes_once()
    {
        var store = _temp.File("store");
        var file = _temp.Write("tiny-loop.yaml", Workflow);
        var checkpoint = Path.Combine(store, "scratch", "training", RunId, "train.ckpt");

        using (var process = Process.Start(CliProcess.StartInfo(_temp.Path, CliProcess.With(store, "run", file, "--id", RunId, "--seed", "5")))!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var waited = Stopwatch.StartNew();
            while (!File.Exists(checkpoint) && !process.HasExited && waited.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(50);
            Assert.False(process.HasExited, "the run finished before post-training wrote a checkpoint");
            await Task.Delay(300);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        Assert.True(File.Exists(checkpoint), "post-training left no checkpoint to resume from");

        var resumed = await CliProcess.RunAsync(_temp.Path, CliProcess.With(store, "resume", RunId));
        output.WriteLine(resumed.Stderr);
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        var line = resumed.Stderr.Split('\n').Single(l => l.Contains("resuming training from its checkpoint at step "));
        var step = int.Parse(line[(line.IndexOf("at step ", StringComparison.Ordinal) + 8)..].Split(' ')[0]);
        Assert.InRange(step, 10, 599);
        Assert.False(File.Exists(checkpoint), "the checkpoint should be removed once the candidate is registered");

        var again = await CliProcess.RunAsync(_temp.Path, CliProcess.With(store, "resume", RunId));
        Assert.Equal(0, again.ExitCode);

        using var models = new SqliteModelRegistry(store);
        var versions = await models.ListVersionsAsync("adder", CancellationToken.None);
        Assert.Equal(2, versions.Count);
        Assert.Equal(600, versions[1].Lineage.Compute.TrainingSteps);
        var moves = await models.GetAliasHistoryAsync("adder", "champion", CancellationToken.None);
        Assert.Equal([1, 2], moves.Select(m => m.To));
    }

    public void Dispose() => _temp.Dispose();
}
