using Npgsql;
using NpgsqlTypes;
using Orchestrator.Core.Artifacts;
using Orchestrator.Storage.Postgres;

namespace Orchestrator.Storage.Artifacts;

/// <summary>
/// Content-addressed artifacts inside the store's PostgreSQL database, in chunks of <see cref="ChunkBytes"/>, so every
/// worker that reaches the store reaches every checkpoint and dataset, and none needs another machine's disk. Loaders
/// read files, so an artifact is materialised into a local cache (a <see cref="FileArtifactStore"/>: written atomically,
/// re-hashed on every read); a cache copy that no longer matches its hash is fetched again, and bytes in the database
/// that do not match theirs are an error naming the artifact and its referrer, never a silent load.
/// </summary>
public sealed class PostgresArtifactStore(PostgresStore store, string cacheFolder) : IArtifactStore
{
    public const int ChunkBytes = 1 << 20;

    private readonly NpgsqlDataSource _source = store.DataSource;
    private readonly FileArtifactStore _cache = new(cacheFolder);

    /// <summary>The local cache's folder (never the truth: deleting it loses nothing).</summary>
    public string CacheFolder => _cache.Folder;

    public async Task<string> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        // Into the cache first: it hashes as it streams and gives a file to read the chunks from.
        var hash = await _cache.PutAsync(content, cancellationToken).ConfigureAwait(false);
        if (await ExistsAsync(hash, cancellationToken).ConfigureAwait(false)) return hash;
        var path = await _cache.GetVerifiedPathAsync(hash, "a new artifact", cancellationToken).ConfigureAwait(false);

        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var file = File.OpenRead(path);
        var buffer = new byte[ChunkBytes];
        var part = 0;
        int read;
        while ((read = await file.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false)) > 0 || part == 0)
        {
            await using var chunk = new NpgsqlCommand("INSERT INTO artifact_chunks (hash, part, data) VALUES (@hash, @part, @data) ON CONFLICT DO NOTHING", connection, transaction);
            chunk.Parameters.Add(PostgresParameters.Text("hash", hash));
            chunk.Parameters.Add(PostgresParameters.Int("part", part));
            chunk.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = buffer.AsMemory(0, read).ToArray() });
            await chunk.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            part++;
            if (read < ChunkBytes) break;
        }
        // The row last, in the same transaction: an artifact is listed only once all its chunks are there. Two
        // processes putting the same bytes at once both succeed; the second's rows change nothing.
        await using (var row = new NpgsqlCommand("INSERT INTO artifacts (hash, bytes, chunks, created_at) VALUES (@hash, @bytes, @chunks, @at) ON CONFLICT DO NOTHING", connection, transaction))
        {
            row.Parameters.Add(PostgresParameters.Text("hash", hash));
            row.Parameters.Add(PostgresParameters.Long("bytes", file.Length));
            row.Parameters.Add(PostgresParameters.Int("chunks", part));
            row.Parameters.Add(PostgresParameters.Time("at", DateTimeOffset.UtcNow));
            await row.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return hash;
    }

    public async Task<string> GetVerifiedPathAsync(string hash, string referencedBy, CancellationToken cancellationToken)
    {
        StoreArguments.Hash(hash, nameof(hash));
        try
        {
            return await _cache.GetVerifiedPathAsync(hash, referencedBy, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactException)
        {
            // Not cached here yet, or the cached copy was damaged: the database holds the truth.
        }
        await _cache.DeleteAsync(hash, cancellationToken).ConfigureAwait(false);
        var temporary = TemporaryFiles.NewPath(Path.GetTempPath());
        try
        {
            if (!await DownloadAsync(hash, temporary, cancellationToken).ConfigureAwait(false))
                throw new ArtifactException(hash, referencedBy, $"is missing from the store {store.Target}");
            string actual;
            await using (var file = File.OpenRead(temporary))
                actual = await _cache.PutAsync(file, cancellationToken).ConfigureAwait(false);
            if (actual != hash)
            {
                await _cache.DeleteAsync(actual, cancellationToken).ConfigureAwait(false);
                throw new ArtifactException(hash, referencedBy,
                    $"is damaged in the store {store.Target}: its chunks hash to {actual}; restore it from a backup or re-create it");
            }
            return await _cache.GetVerifiedPathAsync(hash, referencedBy, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TemporaryFiles.TryDelete(temporary);
        }
    }

    public async Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT count(*) FROM artifacts WHERE hash = @hash");
        command.Parameters.Add(PostgresParameters.Text("hash", StoreArguments.Hash(hash, nameof(hash))));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) > 0;
    }

    public async Task<IReadOnlyList<ArtifactInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT hash, bytes FROM artifacts ORDER BY hash");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var artifacts = new List<ArtifactInfo>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) artifacts.Add(new ArtifactInfo(reader.GetString(0), reader.GetInt64(1)));
        return artifacts;
    }

    public async Task DeleteAsync(string hash, CancellationToken cancellationToken)
    {
        StoreArguments.Hash(hash, nameof(hash));
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                PostgresBatch.Command("DELETE FROM artifacts WHERE hash = @hash", PostgresParameters.Text("hash", hash)),
                PostgresBatch.Command("DELETE FROM artifact_chunks WHERE hash = @hash", PostgresParameters.Text("hash", hash)),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await _cache.DeleteAsync(hash, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the artifact's chunks, in order, to <paramref name="path"/>; false when the store has no such artifact.</summary>
    private async Task<bool> DownloadAsync(string hash, string path, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(
            "SELECT c.data FROM artifacts a JOIN artifact_chunks c ON c.hash = a.hash WHERE a.hash = @hash ORDER BY c.part");
        command.Parameters.Add(PostgresParameters.Text("hash", hash));
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, ChunkBytes, FileOptions.Asynchronous);
        var any = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            any = true;
            await using var data = await reader.GetStreamAsync(0, cancellationToken).ConfigureAwait(false);
            await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }
        return any;
    }
}
