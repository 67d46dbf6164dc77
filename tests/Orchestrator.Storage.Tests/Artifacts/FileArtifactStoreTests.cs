using System.Security.Cryptography;
using System.Text;
using Orchestrator.Core.Artifacts;
using Orchestrator.Storage.Artifacts;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Artifacts;

public sealed class FileArtifactStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _temp = new();
    private readonly FileArtifactStore _store;

    public FileArtifactStoreTests() => _store = new FileArtifactStore(Folder);

    private string Folder => Path.Combine(_temp.Path, "artifacts");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Put_returns_the_sha256_of_the_bytes_and_get_gives_a_file_with_them()
    {
        var bytes = Bytes(3 * 1024 * 1024 + 17);

        var hash = await _store.PutAsync(new MemoryStream(bytes), None);

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), hash);
        var path = await _store.GetVerifiedPathAsync(hash, "model addition@1", None);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.True(await _store.ExistsAsync(hash, None));
    }

    [Fact]
    public async Task An_artifact_is_stored_under_its_hash_split_after_two_digits()
    {
        var hash = await _store.PutAsync(new MemoryStream("hello"u8.ToArray()), None);

        var hex = hash["sha256:".Length..];
        Assert.Equal(Path.Combine(Folder, "sha256", hex[..2], hex[2..]), await _store.GetVerifiedPathAsync(hash, "test", None));
    }

    [Fact]
    public async Task The_empty_artifact_is_stored_like_any_other()
    {
        var hash = await _store.PutAsync(new MemoryStream(), None);

        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hash);
        Assert.Empty(await File.ReadAllBytesAsync(await _store.GetVerifiedPathAsync(hash, "test", None)));
    }

    [Fact]
    public async Task Storing_the_same_bytes_twice_keeps_one_file_and_leaves_no_temporary_file()
    {
        var first = await _store.PutAsync(new MemoryStream(Bytes(1000)), None);
        var second = await _store.PutAsync(new MemoryStream(Bytes(1000)), None);

        Assert.Equal(first, second);
        Assert.Equal(new ArtifactInfo(first, 1000), Assert.Single(await _store.ListAsync(None)));
        Assert.Single(Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Concurrent_puts_of_the_same_bytes_all_succeed_with_one_file()
    {
        var hashes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _store.PutAsync(new MemoryStream(Bytes(256 * 1024)), None))));

        Assert.Single(hashes.Distinct());
        Assert.Single(await _store.ListAsync(None));
        Assert.Single(Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_flipped_byte_is_reported_naming_the_hash_the_referrer_and_what_the_bytes_hash_to()
    {
        var hash = await _store.PutAsync(new MemoryStream(Bytes(4096)), None);
        var path = await _store.GetVerifiedPathAsync(hash, "test", None);
        var damaged = await File.ReadAllBytesAsync(path);
        damaged[1234] ^= 0x01;
        await File.WriteAllBytesAsync(path, damaged);

        var e = await Assert.ThrowsAsync<ArtifactException>(() => _store.GetVerifiedPathAsync(hash, "model addition@3", None));

        Assert.Equal(hash, e.Hash);
        Assert.Equal("model addition@3", e.ReferencedBy);
        Assert.Contains(hash, e.Message);
        Assert.Contains("model addition@3", e.Message);
        Assert.Contains($"is damaged: its bytes hash to sha256:{Convert.ToHexStringLower(SHA256.HashData(damaged))}", e.Message);
        Assert.Contains("restore it from a backup or re-create it", e.Message);
    }

    [Fact]
    public async Task A_truncated_file_is_reported_as_damaged()
    {
        var hash = await _store.PutAsync(new MemoryStream(Bytes(4096)), None);
        var path = await _store.GetVerifiedPathAsync(hash, "test", None);
        await using (var file = File.OpenWrite(path)) file.SetLength(100);

        var e = await Assert.ThrowsAsync<ArtifactException>(() => _store.GetVerifiedPathAsync(hash, "run r1 step train", None));

        Assert.Contains("is damaged", e.Message);
        Assert.Contains("run r1 step train", e.Message);
    }

    [Fact]
    public async Task A_missing_artifact_is_reported_naming_the_hash_the_referrer_and_the_folder()
    {
        var hash = Samples.Hash(42);

        var e = await Assert.ThrowsAsync<ArtifactException>(() => _store.GetVerifiedPathAsync(hash, "model addition@2", None));

        Assert.Equal(hash, e.Hash);
        Assert.Equal($"artifact {hash} (referenced by model addition@2) is missing from {Path.GetFullPath(Folder)}", e.Message);
        Assert.False(await _store.ExistsAsync(hash, None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256:")]
    [InlineData("sha256:../../etc/passwd")]
    [InlineData("SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public async Task An_invalid_hash_is_refused_naming_it(string hash)
    {
        var get = await Assert.ThrowsAsync<ArgumentException>(() => _store.GetVerifiedPathAsync(hash, "test", None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.ExistsAsync(hash, None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync(hash, None));

        Assert.Contains($"'{hash}' is not an artifact hash", get.Message);
    }

    [Fact]
    public async Task List_gives_every_artifact_with_its_size_in_hash_order()
    {
        var hashes = new List<string>();
        for (var size = 1; size <= 5; size++) hashes.Add(await _store.PutAsync(new MemoryStream(Bytes(size * 100)), None));

        var listed = await _store.ListAsync(None);

        Assert.Equal(hashes.Order(StringComparer.Ordinal), listed.Select(a => a.Hash));
        Assert.All(listed, a => Assert.Equal(100 * (hashes.IndexOf(a.Hash) + 1), a.Bytes));
    }

    [Fact]
    public async Task Delete_removes_an_artifact_and_deleting_it_again_is_harmless()
    {
        var kept = await _store.PutAsync(new MemoryStream(Bytes(10)), None);
        var gone = await _store.PutAsync(new MemoryStream(Bytes(20)), None);

        await _store.DeleteAsync(gone, None);
        await _store.DeleteAsync(gone, None);

        Assert.False(await _store.ExistsAsync(gone, None));
        Assert.Equal([kept], (await _store.ListAsync(None)).Select(a => a.Hash));
        await Assert.ThrowsAsync<ArtifactException>(() => _store.GetVerifiedPathAsync(gone, "test", None));
    }

    [Fact]
    public async Task Deleting_an_artifact_never_stored_is_harmless()
    {
        await _store.DeleteAsync(Samples.Hash(7), None);

        Assert.Empty(await _store.ListAsync(None));
    }

    [Fact]
    public async Task A_failed_put_leaves_no_file_behind()
    {
        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync(new FailingStream(after: 300_000), None));

        Assert.Empty(Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_cancelled_put_leaves_no_file_behind()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.PutAsync(new MemoryStream(Bytes(10)), cancel.Token));

        Assert.Empty(Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_store_folder_that_cannot_be_created_gives_StoreOpenException_naming_it()
    {
        var blocker = Path.Combine(_temp.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "a file where the folder's parent should be");

        var e = Assert.Throws<StoreOpenException>(() => new FileArtifactStore(Path.Combine(blocker, "artifacts")));

        Assert.Contains("cannot create the artifact folder", e.Message);
    }

    /// <summary>Deterministic, non-repeating-looking bytes: a different length is different content.</summary>
    internal static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A source that breaks part-way, as a network stream or a crashing producer would.</summary>
    private sealed class FailingStream(int after) : Stream
    {
        private int _given;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _given; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_given >= after) throw new IOException("the source broke");
            var n = Math.Min(count, after - _given);
            Array.Fill(buffer, (byte)7, offset, n);
            _given += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
