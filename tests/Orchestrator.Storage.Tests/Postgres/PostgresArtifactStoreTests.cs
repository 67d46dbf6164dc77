using Orchestrator.Core.Artifacts;
using Orchestrator.Storage.Artifacts;
using Orchestrator.Storage.Postgres;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Postgres;

/// <summary>
/// Artifacts in a real PostgreSQL database: every store instance has its own local cache, as two workers on two
/// machines would, and each must read back the exact bytes another put, or fail naming the artifact.
/// </summary>
public sealed class PostgresArtifactStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly PostgresBackingStore _backing = new(database);
    private readonly TempDirectory _temp = new();
    private string? _schema;

    public async Task InitializeAsync()
    {
        await _backing.CreateAsync();
        _schema = new Npgsql.NpgsqlConnectionStringBuilder(_backing.ConnectionString).SearchPath;
    }

    public async Task DisposeAsync()
    {
        await _backing.DeleteAsync();
        _temp.Dispose();
    }

    /// <summary>A store instance with a cache of its own, as on another machine.</summary>
    private async Task<PostgresArtifactStore> MachineAsync(string name) =>
        new(await _backing.OpenAsync(), Path.Combine(_temp.Path, name, "cache"));

    private static byte[] Bytes(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 31 + i / 977)).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(PostgresArtifactStore.ChunkBytes)]
    [InlineData(2 * PostgresArtifactStore.ChunkBytes + 12_345)]
    public async Task Bytes_put_on_one_machine_are_read_back_exactly_on_another(int count)
    {
        var (a, b) = (await MachineAsync("a"), await MachineAsync("b"));
        var bytes = Bytes(count);

        var hash = await a.PutAsync(new MemoryStream(bytes), None);

        Assert.True(await b.ExistsAsync(hash, None));
        var path = await b.GetVerifiedPathAsync(hash, "model addition@1", None);
        Assert.StartsWith(b.CacheFolder, path);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal(new ArtifactInfo(hash, count), Assert.Single(await b.ListAsync(None)));
    }

    [Fact]
    public async Task Large_artifacts_are_kept_in_chunks_of_one_mebibyte()
    {
        var store = await MachineAsync("a");

        var hash = await store.PutAsync(new MemoryStream(Bytes(2 * PostgresArtifactStore.ChunkBytes + 1)), None);

        Assert.Equal(3L, await database.ScalarAsync($"SELECT count(*) FROM artifact_chunks WHERE hash = '{hash}'", _schema));
        Assert.Equal(3, await database.ScalarAsync($"SELECT chunks FROM artifacts WHERE hash = '{hash}'", _schema));
    }

    [Fact]
    public async Task The_same_bytes_put_by_two_machines_are_one_artifact()
    {
        var (a, b) = (await MachineAsync("a"), await MachineAsync("b"));

        var hashes = await Task.WhenAll(a.PutAsync(new MemoryStream(Bytes(3000)), None), b.PutAsync(new MemoryStream(Bytes(3000)), None));

        Assert.Equal(hashes[0], hashes[1]);
        Assert.Single(await a.ListAsync(None));
    }

    [Fact]
    public async Task A_damaged_cache_copy_is_fetched_again_from_the_database()
    {
        var store = await MachineAsync("a");
        var bytes = Bytes(4096);
        var hash = await store.PutAsync(new MemoryStream(bytes), None);
        var cached = await store.GetVerifiedPathAsync(hash, "test", None);
        await File.WriteAllBytesAsync(cached, [1, 2, 3]);

        var path = await store.GetVerifiedPathAsync(hash, "model addition@1", None);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Damaged_bytes_in_the_database_are_an_error_naming_the_artifact_and_its_referrer()
    {
        var (a, b) = (await MachineAsync("a"), await MachineAsync("b"));
        var hash = await a.PutAsync(new MemoryStream(Bytes(4096)), None);
        await database.ExecuteAsync($"UPDATE artifact_chunks SET data = '\\x00ff'::bytea WHERE hash = '{hash}'", _schema);

        var e = await Assert.ThrowsAsync<ArtifactException>(() => b.GetVerifiedPathAsync(hash, "model addition@2", None));

        Assert.Contains(hash, e.Message);
        Assert.Contains("model addition@2", e.Message);
        Assert.Contains("damaged", e.Message);
        Assert.Empty(Directory.EnumerateFiles(b.CacheFolder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_artifact_that_is_not_in_the_database_is_an_error_saying_so()
    {
        var store = await MachineAsync("a");
        var hash = "sha256:" + new string('0', 64);

        var e = await Assert.ThrowsAsync<ArtifactException>(() => store.GetVerifiedPathAsync(hash, "run r1", None));

        Assert.Contains("missing", e.Message);
        Assert.Contains("run r1", e.Message);
    }

    [Fact]
    public async Task Delete_removes_the_artifact_from_the_database_and_the_cache()
    {
        var (a, b) = (await MachineAsync("a"), await MachineAsync("b"));
        var hash = await a.PutAsync(new MemoryStream(Bytes(100)), None);
        var cached = await a.GetVerifiedPathAsync(hash, "test", None);

        await a.DeleteAsync(hash, None);

        Assert.False(await b.ExistsAsync(hash, None));
        Assert.False(File.Exists(cached));
        Assert.Equal(0L, await database.ScalarAsync($"SELECT count(*) FROM artifact_chunks WHERE hash = '{hash}'", _schema));
    }

    [Fact]
    public void A_postgres_store_keeps_its_artifacts_in_the_database_unless_a_folder_is_named()
    {
        using var inDatabase = StoreFactory.Open(_backing.ConnectionString);
        using var inFolder = StoreFactory.Open(_backing.ConnectionString, Path.Combine(_temp.Path, "shared"));

        Assert.IsType<PostgresArtifactStore>(inDatabase.Artifacts);
        Assert.Equal(Path.Combine(_temp.Path, "shared"), Assert.IsType<FileArtifactStore>(inFolder.Artifacts).Folder);
    }
}
