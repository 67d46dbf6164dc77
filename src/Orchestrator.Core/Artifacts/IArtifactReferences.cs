namespace Orchestrator.Core.Artifacts;

/// <summary>
/// A store that holds artifact hashes (registry checkpoints and datasets, run states and outputs) and can
/// list them, so garbage collection removes only what nothing references.
/// </summary>
public interface IArtifactReferences
{
    /// <summary>Every referenced hash, with a description of one referrer (e.g. <c>model addition@3</c>).</summary>
    Task<IReadOnlyDictionary<string, string>> GetArtifactReferencesAsync(CancellationToken cancellationToken);
}
