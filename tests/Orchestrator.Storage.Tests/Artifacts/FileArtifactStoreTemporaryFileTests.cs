using Orchestrator.Storage.Artifacts;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Artifacts;

/// <summary>What a killed writer leaves (a temporary file), and how the store keeps it from mattering.</summary>
public sealed class FileArtifactStoreTemporaryFileTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _temp = new();
    private readonly FileArtifactStore _store;

    public FileArtifactStoreTemporaryFileTests() => _store = new FileArtifactStore(_temp.Path);

    public void Dispose() => _temp.Dispose();

    private string Root => Path.Combine(_temp.Path, "sha256");

    private string LeftOver(TimeSpan age)
    {
        var path = Path.Combine(Root, $"{TemporaryFiles.Prefix}{Guid.NewGuid():N}{TemporaryFiles.Suffix}");
        File.WriteAllBytes(path, FileArtifactStoreTests.Bytes(500));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    [Fact]
    public async Task A_killed_writers_temporary_file_is_not_listed_as_an_artifact()
    {
        var kept = await _store.PutAsync(new MemoryStream(FileArtifactStoreTests.Bytes(10)), None);
        LeftOver(TimeSpan.FromDays(1));
        // A stray file in a shard folder whose name is no hash is not an artifact either.
        File.WriteAllText(Path.Combine(Root, kept["sha256:".Length..][..2], "notes.txt"), "x");

        Assert.Equal([kept], (await _store.ListAsync(None)).Select(a => a.Hash));
    }

    [Fact]
    public async Task Delete_sweeps_away_abandoned_temporary_files()
    {
        var victim = await _store.PutAsync(new MemoryStream(FileArtifactStoreTests.Bytes(10)), None);
        var abandoned = LeftOver(FileArtifactStore.AbandonedAfter + TimeSpan.FromMinutes(1));

        await _store.DeleteAsync(victim, None);

        Assert.False(File.Exists(abandoned));
    }

    [Fact]
    public async Task Delete_leaves_a_recent_temporary_file_which_may_still_be_written()
    {
        var victim = await _store.PutAsync(new MemoryStream(FileArtifactStoreTests.Bytes(10)), None);
        var recent = LeftOver(TimeSpan.FromSeconds(5));

        await _store.DeleteAsync(victim, None);

        Assert.True(File.Exists(recent));
    }

    [Fact]
    public async Task Delete_leaves_an_old_temporary_file_that_a_writer_still_holds_open()
    {
        var victim = await _store.PutAsync(new MemoryStream(FileArtifactStoreTests.Bytes(10)), None);
        var slow = LeftOver(FileArtifactStore.AbandonedAfter + TimeSpan.FromMinutes(1));
        await using var writer = new FileStream(slow, FileMode.Open, FileAccess.Write, FileShare.None);

        await _store.DeleteAsync(victim, None);

        Assert.True(File.Exists(slow));
    }
}
