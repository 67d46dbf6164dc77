namespace Orchestrator.Core.Artifacts;

/// <summary>
/// Content-addressed storage for large things (checkpoints, datasets): an artifact's name is the SHA-256 of
/// its bytes (<c>sha256:&lt;hex&gt;</c>). Writes are atomic; reads verify the hash, so a damaged artifact is an
/// error naming it and whoever referenced it, never a silent load.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores the bytes and returns their hash; storing the same bytes again is a no-op.</summary>
    Task<string> PutAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// The path of a verified artifact file, for loaders that read files. Throws <see cref="ArtifactException"/>
    /// when it is missing or its bytes no longer match its hash; <paramref name="referencedBy"/> (e.g.
    /// <c>model addition@3</c>) goes into that message.
    /// </summary>
    Task<string> GetVerifiedPathAsync(string hash, string referencedBy, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Every stored artifact with its size in bytes.</summary>
    Task<IReadOnlyList<ArtifactInfo>> ListAsync(CancellationToken cancellationToken);

    Task DeleteAsync(string hash, CancellationToken cancellationToken);
}

public sealed record ArtifactInfo(string Hash, long Bytes);
