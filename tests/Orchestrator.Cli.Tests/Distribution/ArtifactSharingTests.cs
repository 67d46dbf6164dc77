using System.Text.RegularExpressions;
using Orchestrator.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Distribution;

/// <summary>
/// A checkpoint trained by the worker on one "machine" is post-trained by the worker on another: each has its own
/// working folder and temp folder, so nothing passes through a disk they share unless --artifacts names one.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class ArtifactSharingTests(ITestOutputHelper output)
{
    private const string Workflow = """
        id: shared-checkpoint
        version: 1
        steps:
          - id: base
            uses: learning/pretrain
            queue: train
            with: { model: adder, task: arithmetic/addition, maxLength: 2, rampFrom: 0, layers: 1, width: 16, steps: 10, warmup: 2, decay: 5, batch: 16, checkpointEvery: 0, replayItems: 50 }
          - id: crown
            uses: registry/promote
            with: { model: "${steps.base.output.model}", reason: base model }
          - id: again
            uses: learning/post-train
            with: { model: adder@champion, dataset: "${steps.base.output.dataset}", steps: 10, batch: 16, warmup: 2, decay: 5, checkpointEvery: 0 }
        output: "${steps.again.output.model}"
        """;

    [Theory]
    [InlineData(null)]
    [InlineData("shared")]
    public async Task A_checkpoint_trained_on_one_machine_is_loaded_on_another_through_the_store_or_a_shared_folder(string? artifacts)
    {
        using var store = new TestStore("postgres");
        var folder = artifacts is null ? null : store.Folder.File(artifacts);
        var file = store.Folder.Write("shared.yaml", Workflow);
        await using var gpu = await WorkerProcess.StartOnMachineAsync(store, "gpu", "gpu-box", folder, "--queues", "train");
        await using var cpu = await WorkerProcess.StartOnMachineAsync(store, "cpu", "cpu-box", folder, "--queues", "default");

        var enqueued = await CliProcess.RunAsync(store.Folder.Path, store.ArgsWithArtifacts(folder, "enqueue", file, "--id", "shared", "--seed", "5"));
        Assert.True(enqueued.ExitCode == 0, enqueued.Stderr);
        var run = await WorkerKillTests.WaitForStatusAsync(store, "shared", "succeeded", TimeSpan.FromMinutes(4));
        output.WriteLine($"--- gpu\n{gpu.Output}\n--- cpu\n{cpu.Output}");

        Assert.Equal("adder@2", (string)run["output"]!);
        Assert.Single(gpu.Lines, l => l.StartsWith("attempt ", StringComparison.Ordinal) && l.Contains(" of base", StringComparison.Ordinal));
        Assert.Single(cpu.Lines, l => Regex.IsMatch(l, @"\bok\s+again\s"));
        var cpuCache = Path.Combine(store.Folder.File("cpu-box"), "tmp", "orchestrator-artifact-cache");
        if (artifacts is null)
            Assert.NotEmpty(Directory.EnumerateFiles(cpuCache, "*", SearchOption.AllDirectories)); // fetched from the database
        else
            Assert.False(Directory.Exists(cpuCache), "with --artifacts, nothing should be cached from the database");
    }

    [Fact]
    public async Task Workers_with_folders_of_their_own_fail_the_step_naming_the_missing_artifact_and_where_it_was_looked_for()
    {
        using var store = new TestStore("postgres");
        var file = store.Folder.Write("shared.yaml", Workflow);
        var cpuArtifacts = store.Folder.File("cpu-box-artifacts");
        await using var gpu = await WorkerProcess.StartOnMachineAsync(store, "gpu", "gpu-box", store.Folder.File("gpu-box-artifacts"), "--queues", "train");
        await using var cpu = await WorkerProcess.StartOnMachineAsync(store, "cpu", "cpu-box", cpuArtifacts, "--queues", "default");

        var enqueued = await CliProcess.RunAsync(store.Folder.Path, store.ArgsWithArtifacts(cpuArtifacts, "enqueue", file, "--id", "apart", "--seed", "5"));
        Assert.True(enqueued.ExitCode == 0, enqueued.Stderr);
        var run = await WorkerKillTests.WaitForStatusAsync(store, "apart", "failed", TimeSpan.FromMinutes(4));
        output.WriteLine($"--- gpu\n{gpu.Output}\n--- cpu\n{cpu.Output}");

        var message = (string)run["error"]!["message"]!;
        Assert.Contains("is missing from " + cpuArtifacts, message);
        Assert.Matches("artifact sha256:[0-9a-f]{64}", message);
    }
}
