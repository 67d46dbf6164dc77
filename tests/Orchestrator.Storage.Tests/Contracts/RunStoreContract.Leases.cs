using Orchestrator.Core.Engine.Store;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>Run leases: only one owner may execute a run at a time.</summary>
public abstract partial class RunStoreContract
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_lease_is_granted_to_one_owner_and_refused_to_another_naming_the_holder()
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run(), None);

        var first = await store.ClaimAsync("run-1", "host:1:a", Records.T0, Minute, null, None);
        var renewed = await store.ClaimAsync("run-1", "host:1:a", Records.T0.AddSeconds(20), Minute, null, None);
        var other = await store.ClaimAsync("run-1", "host:2:b", Records.T0.AddSeconds(30), Minute, null, None);

        Assert.True(first.Granted);
        Assert.True(renewed.Granted);
        Assert.Equal((false, "host:1:a", Records.T0.AddSeconds(80)), (other.Granted, other.Holder, other.Until));
    }

    [Fact]
    public async Task An_expired_lease_or_a_replaced_dead_holder_lets_another_owner_in()
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run(), None);
        await store.ClaimAsync("run-1", "host:1:a", Records.T0, Minute, null, None);

        var replaced = await store.ClaimAsync("run-1", "host:2:b", Records.T0.AddSeconds(1), Minute, "host:1:a", None);
        var expired = await store.ClaimAsync("run-1", "host:3:c", Records.T0.AddMinutes(5), Minute, null, None);
        var late = await store.ClaimAsync("run-1", "host:2:b", Records.T0.AddMinutes(5).AddSeconds(1), Minute, null, None);

        Assert.True(replaced.Granted);
        Assert.True(expired.Granted);
        Assert.Equal((false, "host:3:c"), (late.Granted, late.Holder));
    }

    [Fact]
    public async Task Releasing_frees_the_lease_but_only_for_its_holder()
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run(), None);
        await store.ClaimAsync("run-1", "host:1:a", Records.T0, Minute, null, None);

        await store.ReleaseAsync("run-1", "host:2:b", None);
        var stillHeld = await store.ClaimAsync("run-1", "host:2:b", Records.T0.AddSeconds(1), Minute, null, None);
        await store.ReleaseAsync("run-1", "host:1:a", None);
        var free = await store.ClaimAsync("run-1", "host:2:b", Records.T0.AddSeconds(2), Minute, null, None);

        Assert.False(stillHeld.Granted);
        Assert.True(free.Granted);
    }

    [Fact]
    public async Task Of_many_owners_claiming_at_once_exactly_one_wins()
    {
        var stores = await StoresAsync(6);
        await stores[0].CreateRunAsync(Records.Run(), None);

        var claims = await Task.WhenAll(stores.Select((s, i) => s.ClaimAsync("run-1", $"host:{i}:x", Records.T0, Minute, null, None)));

        var winner = Assert.Single(claims, c => c.Granted);
        Assert.All(claims.Where(c => !c.Granted), c => Assert.NotNull(c.Holder));
        Assert.Single(claims.Where(c => !c.Granted).Select(c => c.Holder).Distinct());
        Assert.True(winner.Granted);
    }
}
