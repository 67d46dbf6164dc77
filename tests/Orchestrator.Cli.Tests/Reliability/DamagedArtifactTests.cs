using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Artifacts;
using Orchestrator.Storage.Sqlite;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// A model checkpoint with a flipped byte, and a dataset artifact deleted, under a real tiny TorchSharp model: the
/// run that needs them fails naming the artifact, what referred to it and what is wrong, and trains nothing on them.
/// (A damaged training checkpoint of a step in progress is different: it is only a shortcut, and ResumableTraining
/// logs it, naming the file, and trains that step again from its start.)
/// </summary>
public sealed class DamagedArtifactTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    private const string Base = """
        id: tiny-base
        version: 1
        steps:
          - id: base
            uses: learning/pretrain
            with: { model: adder, task: arithmetic/addition, maxLength: 2, rampFrom: 0, layers: 1, width: 16, steps: 10, warmup: 2, decay: 5, batch: 16, checkpointEvery: 0, replayItems: 50 }
          - id: crown
            uses: registry/promote
            with: { model: "${steps.base.output.model}", reason: base model }
        output: "${ { dataset: steps.base.output.dataset } }"
        """;

    private const string Further = """
        id: tiny-further
        version: 1
        inputs:
          dataset: { type: string }
        steps:
          - id: train
            uses: learning/post-train
            with: { model: adder@champion, dataset: "${inputs.dataset}", steps: 4, batch: 16, warmup: 1, decay: 2, checkpointEvery: 0 }
        output: "${steps.train.output.model}"
        """;

    [Fact]
    public async Task A_flipped_checkpoint_byte_and_a_deleted_dataset_each_fail_the_run_naming_the_artifact_and_nothing_is_trained_on_them()
    {
        var store = _temp.File("store");
        var based = await CliProcess.RunAsync(_temp.Path, CliProcess.With(store, "run", _temp.Write("base.yaml", Base), "--id", "base", "--seed", "1", "--json"));
        Assert.True(based.ExitCode == 0, based.Stdout + based.Stderr);
        var dataset = JsonNode.Parse(based.Stdout)!["output"]!["dataset"]!.GetValue<string>();
        string checkpoint;
        using (var models = new SqliteModelRegistry(store)) checkpoint = (await models.GetAsync("adder", 1, CancellationToken.None))!.CheckpointHash;
        var further = _temp.Write("further.yaml", Further);
        string[] TrainFurther(string id) => CliProcess.With(store, "run", further, "--id", id, "--seed", "2", "--json", "--input", $"dataset={dataset}");

        var checkpointFile = ArtifactFile(store, checkpoint);
        var intact = File.ReadAllBytes(checkpointFile);
        var flipped = (byte[])intact.Clone();
        flipped[flipped.Length / 2] ^= 0x40;
        File.WriteAllBytes(checkpointFile, flipped);
        var onDamaged = await CliProcess.RunAsync(_temp.Path, TrainFurther("on-damaged"));
        File.WriteAllBytes(checkpointFile, intact);

        var datasetFile = ArtifactFile(store, dataset);
                File.Delete(datasetFile);
        var onMissing = await CliProcess.RunAsync(_temp.Path, TrainFurther("on-missing"));

        output.WriteLine(onDamaged.Stderr);
        output.WriteLine(onMissing.Stderr);

        var damagedError = Error(onDamaged);
        Assert.Contains($"artifact {checkpoint}", damagedError);
        Assert.Contains("model adder@1", damagedError);
        Assert.Contains("is damaged", damagedError);
        var missingError = Error(onMissing);
        Assert.Contains($"artifact {dataset}", missingError);
        Assert.Contains("is missing", missingError);
        using var registry = new SqliteModelRegistry(store);
        // The base model alone: nothing was trained from, or registered on, the damaged or missing bytes.
        Assert.Single(await registry.ListVersionsAsync("adder", CancellationToken.None));
    }

    /// <summary>The failed run's error message, after checking that it failed as a run (exit 1), not as a crash.</summary>
    private static string Error(CliProcess.Result result)
    {
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}:\n{result.Stdout}{result.Stderr}");
        Assert.DoesNotContain("internal error", result.Stderr);
        var run = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("failed", run["status"]!.GetValue<string>());
        return run["error"]!["message"]!.GetValue<string>();
    }

    private static string ArtifactFile(string store, string hash)
    {
        Assert.True(ArtifactHash.IsValid(hash), $"'{hash}' is not an artifact hash");
        var hex = hash[ArtifactHash.Prefix.Length..];
        var path = Path.Combine(store, "artifacts", "sha256", hex[..2], hex[2..]);
        Assert.True(File.Exists(path), $"no artifact file at {path}");
        return path;
    }

    public void Dispose() => _temp.Dispose();
}
