namespace Orchestrator.Core.Artifacts;

/// <summary>An artifact is missing or damaged; the message names its hash and what referenced it.</summary>
public sealed class ArtifactException(string hash, string referencedBy, string problem)
    : Exception($"artifact {hash} (referenced by {referencedBy}) {problem}")
{
    public string Hash { get; } = hash;
    public string ReferencedBy { get; } = referencedBy;
}
