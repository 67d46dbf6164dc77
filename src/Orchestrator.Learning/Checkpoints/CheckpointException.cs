namespace Orchestrator.Learning.Checkpoints;

/// <summary>A checkpoint file that cannot be used: damaged, not a checkpoint, from a newer format, or for another model shape.</summary>
public sealed class CheckpointException(string path, string problem, Exception? inner = null)
    : Exception($"Checkpoint {path}: {problem}", inner)
{
    /// <summary>The file concerned.</summary>
    public string Path { get; } = path;
}
