using System.Text.Json;

namespace Orchestrator.Learning.Activities.Pretrain;

/// <summary>One abandoned attempt of round 0: a fresh initialisation that had not learned its first lengths in time.</summary>
/// <param name="Seed">The seed the attempt's weights and data order came from.</param>
/// <param name="Steps">Optimizer steps it took before it was abandoned.</param>
/// <param name="Length">The length it was probed on (the curriculum's first longest length).</param>
/// <param name="Accuracy">Its greedy exact match there.</param>
/// <param name="Beyond">Its exact match one length longer, when that was checked too.</param>
/// <param name="Tokens">Training tokens it processed.</param>
/// <param name="Seconds">Its training wall time.</param>
public sealed record PretrainRestart(long Seed, int Steps, int Length, double Accuracy, double? Beyond, long Tokens, double Seconds);

/// <summary>
/// The abandoned attempts of one pretrain step, kept in a file beside its training checkpoint so that a step
/// redelivered after a crash continues the attempt it was in (with that attempt's seed and checkpoint) and still
/// reports, and counts the compute of, the attempts before it. Each attempt has its own checkpoint path, so a crash
/// between recording a restart and starting the next attempt can never resume the abandoned weights.
/// </summary>
internal sealed class StallRestarts
{
    private readonly string basePath;
    private readonly List<PretrainRestart> attempts;

    private StallRestarts(string basePath, List<PretrainRestart> attempts) => (this.basePath, this.attempts) = (basePath, attempts);

    public IReadOnlyList<PretrainRestart> Abandoned => attempts;

    /// <summary>The checkpoint path of the attempt under way.</summary>
    public string CheckpointPath => CheckpointPathOf(attempts.Count);

    private string LogPath => basePath + ".restarts.json";

    /// <summary>The log of the step whose first attempt checkpoints at <paramref name="checkpointPath"/>; empty when there is none.</summary>
    public static StallRestarts Open(string checkpointPath)
    {
        var log = new StallRestarts(checkpointPath, []);
        if (File.Exists(log.LogPath))
        {
            log.attempts.AddRange(JsonSerializer.Deserialize<List<PretrainRestart>>(File.ReadAllText(log.LogPath)) ?? []);
        }
        return log;
    }

    /// <summary>
    /// The seed of the attempt under way: the step's own seed first, then one derived from it per restart, so the
    /// whole sequence of attempts repeats for a run's seed.
    /// </summary>
    public long SeedOf(long stepSeed) => attempts.Count == 0 ? stepSeed : Derive(stepSeed, attempts.Count);

    /// <summary>Records the attempt under way as abandoned (atomically) and removes its checkpoint.</summary>
    public void Abandon(PretrainRestart attempt)
    {
        var abandonedCheckpoint = CheckpointPath;
        attempts.Add(attempt);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(LogPath))!);
        var temporary = LogPath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(attempts));
        File.Move(temporary, LogPath, overwrite: true);
        if (File.Exists(abandonedCheckpoint)) File.Delete(abandonedCheckpoint);
    }

    /// <summary>Removes the log once the step's model is registered (its restarts are in the model's metrics by then).</summary>
    public void Complete()
    {
        for (var i = 0; i < attempts.Count; i++)
        {
            if (File.Exists(CheckpointPathOf(i))) File.Delete(CheckpointPathOf(i));
        }
        if (File.Exists(LogPath)) File.Delete(LogPath);
    }

    private string CheckpointPathOf(int attempt) => attempt == 0 ? basePath : $"{basePath}.restart-{attempt}";

    // SplitMix64's finaliser: neighbouring (seed, attempt) pairs give unrelated seeds.
    private static long Derive(long seed, int attempt)
    {
        var z = unchecked((ulong)seed + 0x9E3779B97F4A7C15UL * (ulong)attempt);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (long)((z ^ (z >> 31)) & long.MaxValue) | 1;
    }
}
