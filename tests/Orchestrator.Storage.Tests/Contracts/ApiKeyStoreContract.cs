using Orchestrator.Core.Access;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>What every <see cref="IApiKeyStore"/> must do: keys by name and hash, names never reused, revocation kept.</summary>
public abstract class ApiKeyStoreContract : StoreContract<IApiKeyStore>
{
    private static ApiKeyRecord Key(string name = "ci-bot", ApiKeyRole role = ApiKeyRole.Operator, string secret = "ork_secret-one") => new()
    {
        Name = name, Role = role, Hash = ApiKeySecrets.Hash(secret), Prefix = ApiKeySecrets.Prefix(secret),
        CreatedBy = "user:alice", CreatedAt = Records.T0,
    };

    [Fact]
    public async Task A_key_is_found_by_its_hash_with_every_field()
    {
        var store = await StoreAsync();
        await store.CreateKeyAsync(Key(), None);

        Assert.Equal(Key(), await store.FindKeyByHashAsync(ApiKeySecrets.Hash("ork_secret-one"), None));
        Assert.Null(await store.FindKeyByHashAsync(ApiKeySecrets.Hash("ork_secret-two"), None));
    }

    [Fact]
    public async Task A_name_is_never_reused_even_once_revoked()
    {
        var store = await StoreAsync();
        await store.CreateKeyAsync(Key(), None);
        await store.RevokeKeyAsync("ci-bot", "user:bob", Records.T0.AddHours(1), None);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateKeyAsync(Key(secret: "ork_other"), None));

        Assert.Contains("ci-bot exists already", e.Message);
        Assert.Null(await store.FindKeyByHashAsync(ApiKeySecrets.Hash("ork_other"), None));
    }

    [Fact]
    public async Task Revoking_keeps_the_key_listed_with_who_and_when_and_happens_once()
    {
        var (a, b) = await StoresAsync(2) switch { var s => (s[0], s[1]) };
        await a.CreateKeyAsync(Key(), None);

        Assert.True(await b.RevokeKeyAsync("ci-bot", "user:bob", Records.T0.AddHours(1), None));
        Assert.False(await a.RevokeKeyAsync("ci-bot", "user:carol", Records.T0.AddHours(2), None));
        Assert.False(await a.RevokeKeyAsync("nobody", "user:carol", Records.T0, None));

        var key = await a.FindKeyByHashAsync(ApiKeySecrets.Hash("ork_secret-one"), None);
        Assert.True(key!.IsRevoked);
        Assert.Equal(("user:bob", Records.T0.AddHours(1)), (key.RevokedBy, key.RevokedAt));
    }

    [Fact]
    public async Task List_gives_every_key_by_name_with_its_role()
    {
        var store = await StoreAsync();
        await store.CreateKeyAsync(Key("zed", ApiKeyRole.Viewer, "ork_z"), None);
        await store.CreateKeyAsync(Key("amy", ApiKeyRole.Admin, "ork_a"), None);

        var keys = await store.ListKeysAsync(None);

        Assert.Equal([("amy", ApiKeyRole.Admin), ("zed", ApiKeyRole.Viewer)], keys.Select(k => (k.Name, k.Role)));
    }

    [Fact]
    public async Task The_access_journal_keeps_every_entry_in_order_newest_first()
    {
        var store = await StoreAsync();
        var at = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

        await store.AppendAccessAsync(new AccessEntry(at, "ada", "POST", "/api/runs", 202, "run-1"), CancellationToken.None);
        await store.AppendAccessAsync(new AccessEntry(at.AddSeconds(1), "otto", "DELETE", "/api/schedules/nightly", 204, "nightly"), CancellationToken.None);
        await store.AppendAccessAsync(new AccessEntry(at.AddSeconds(2), "ada", "POST", "/api/session", 200), CancellationToken.None);

        var entries = await store.ListAccessAsync(2, CancellationToken.None);

        Assert.Equal([("ada", "/api/session", 200, (string?)null), ("otto", "/api/schedules/nightly", 204, "nightly")], entries.Select(e => (e.Key, e.Path, e.Status, e.Target)));
        Assert.Equal(at.AddSeconds(2), entries[0].At);
        Assert.True(entries[0].Sequence > entries[1].Sequence);
    }
}
