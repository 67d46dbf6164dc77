using System.Security.Cryptography;
using Orchestrator.Core.Artifacts;

namespace Orchestrator.Storage.Artifacts;

/// <summary>
/// Content-addressed artifacts as files: <c>&lt;folder&gt;/sha256/&lt;first 2 hex&gt;/&lt;other 62 hex&gt;</c>.
/// A write goes to a temporary file beside them, is hashed as it streams, flushed to disk and then renamed
/// into place, so a reader never sees half an artifact and a killed writer leaves only a temporary file,
/// which listings ignore and <see cref="DeleteAsync"/> sweeps away. Several processes may share the folder.
/// </summary>
public sealed class FileArtifactStore : IArtifactStore
{
    private const string Algorithm = "sha256";
    private const int BufferSize = 1 << 20;

    /// <summary>A temporary file this much older than its last write belongs to a writer that is gone.</summary>
    internal static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    /// <summary>Opens the artifact folder, creating it when missing.</summary>
    /// <exception cref="StoreOpenException">The folder cannot be created.</exception>
    public FileArtifactStore(string folder)
    {
        try
        {
            Folder = Path.GetFullPath(folder);
            Directory.CreateDirectory(Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new StoreOpenException(folder,
                $"cannot create the artifact folder '{folder}': {e.Message} Create it yourself, or use another store folder you can write to.", e);
        }
    }

    /// <summary>The artifact folder's full path.</summary>
    public string Folder { get; }

    private string Root => Path.Combine(Folder, Algorithm);

    public async Task<string> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        // In the same folder as the artifacts, so the final rename stays on one file system and is atomic.
        var temporary = TemporaryFiles.NewPath(Root);
        try
        {
            string hash;
            // FileShare.None marks the file as in use (a lock other processes see), so a sweep leaves it alone.
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                hash = await CopyHashingAsync(content, file, cancellationToken).ConfigureAwait(false);
                // Durable before it is visible: after the rename, the bytes are on disk, not just in the cache.
                file.Flush(flushToDisk: true);
            }
            var target = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                File.Move(temporary, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Stored before (or by a concurrent writer just now): the name is the hash, so it is these bytes.
                File.Delete(temporary);
            }
            return hash;
        }
        catch
        {
            TemporaryFiles.TryDelete(temporary);
            throw;
        }
    }

    public async Task<string> GetVerifiedPathAsync(string hash, string referencedBy, CancellationToken cancellationToken)
    {
        var path = PathOf(StoreArguments.Hash(hash, nameof(hash)));
        string actual;
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            actual = await HashAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArtifactException(hash, referencedBy, $"is missing from {Folder}");
        }
        if (actual != hash)
            throw new ArtifactException(hash, referencedBy,
                $"is damaged: its bytes hash to {actual} (the file was changed or corrupted); restore it from a backup or re-create it");
        return path;
    }

    public Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(PathOf(StoreArguments.Hash(hash, nameof(hash)))));

    public Task<IReadOnlyList<ArtifactInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var artifacts = new List<ArtifactInfo>();
        foreach (var shard in new DirectoryInfo(Root).EnumerateDirectories())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var file in shard.EnumerateFiles())
            {
                // Only names that make a hash: temporary files and anything else put here are not artifacts.
                var hash = $"{ArtifactHash.Prefix}{shard.Name}{file.Name}";
                if (ArtifactHash.IsValid(hash)) artifacts.Add(new ArtifactInfo(hash, file.Length));
            }
        }
        artifacts.Sort((a, b) => string.CompareOrdinal(a.Hash, b.Hash));
        return Task.FromResult<IReadOnlyList<ArtifactInfo>>(artifacts);
    }

    /// <summary>Deletes an artifact (nothing happens when it is not there), and sweeps away abandoned temporary files.</summary>
    public Task DeleteAsync(string hash, CancellationToken cancellationToken)
    {
        var path = PathOf(StoreArguments.Hash(hash, nameof(hash)));
        // File.Delete ignores a missing file but not a missing folder, which a hash never stored has.
        if (File.Exists(path)) File.Delete(path);
        TemporaryFiles.SweepAbandoned(Root, DateTime.UtcNow - AbandonedAfter);
        return Task.CompletedTask;
    }

    private string PathOf(string hash)
    {
        var hex = hash[ArtifactHash.Prefix.Length..];
        return Path.Combine(Root, hex[..2], hex[2..]);
    }

    private static async Task<string> CopyHashingAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hasher.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        return ArtifactHash.Prefix + Convert.ToHexStringLower(hasher.GetHashAndReset());
    }

    private static async Task<string> HashAsync(Stream source, CancellationToken cancellationToken) =>
        ArtifactHash.Prefix + Convert.ToHexStringLower(await SHA256.HashDataAsync(source, cancellationToken).ConfigureAwait(false));
}
