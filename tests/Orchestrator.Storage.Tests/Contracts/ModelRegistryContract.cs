using System.Text.Json.Nodes;
using Orchestrator.Core.Registry;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>
/// What every <see cref="IModelRegistry"/> must do: registration and lineage here; aliases, concurrency and
/// artifact references in the other parts of this class.
/// </summary>
public abstract partial class ModelRegistryContract : StoreContract<IModelRegistry>
{
    [Fact]
    public async Task Register_numbers_versions_from_one_per_model()
    {
        var registry = await StoreAsync();

        var a1 = await registry.RegisterAsync(Samples.Model("addition"), None);
        var a2 = await registry.RegisterAsync(Samples.Model("addition", parent: 1), None);
        var m1 = await registry.RegisterAsync(Samples.Model("multiplication"), None);

        Assert.Equal([1, 2, 1], new[] { a1.Version, a2.Version, m1.Version });
        Assert.Equal("addition@2", a2.Reference);
    }

    [Fact]
    public async Task A_version_round_trips_every_lineage_field()
    {
        var registry = await StoreAsync();
        var before = DateTimeOffset.UtcNow;
        await registry.RegisterAsync(Samples.Model("addition"), None);
        var request = Samples.FullModel("addition", parent: 1);

        var registered = await registry.RegisterAsync(request, None);

        var stored = await registry.GetAsync("addition", 2, None);
        Assert.NotNull(stored);
        foreach (var version in new[] { registered, stored })
        {
            Assert.Equal(("addition", 2), (version.Name, version.Version));
            Assert.Equal(request.CheckpointHash, version.CheckpointHash);
            Same.Json(request.Metrics, version.Metrics);
            Assert.Equal(request.Lineage, version.Lineage);
            Assert.Equal(request.CreatedBy, version.CreatedBy);
            Assert.Equal(request.Description, version.Description);
            Assert.InRange(version.CreatedAt, before.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        }
        Assert.Equal(registered.CreatedAt, stored.CreatedAt);
    }

    [Fact]
    public async Task A_version_without_optional_fields_round_trips_them_empty()
    {
        var registry = await StoreAsync();

        await registry.RegisterAsync(new RegisterModelRequest("addition", Samples.Hash(1), new ModelLineage(), "alice"), None);

        var stored = await registry.GetAsync("addition", 1, None);
        Assert.NotNull(stored);
        Assert.Equal(new ModelLineage(), stored.Lineage);
        Assert.Equal(ComputeSpent.None, stored.Lineage.Compute);
        Same.Json(new JsonObject(), stored.Metrics);
        Assert.Null(stored.Description);
    }

    [Fact]
    public async Task Registering_with_a_missing_parent_is_refused_naming_it_and_registers_nothing()
    {
        var registry = await StoreAsync();
        await registry.RegisterAsync(Samples.Model("addition"), None);
        await registry.RegisterAsync(Samples.Model("other"), None);
        await registry.RegisterAsync(Samples.Model("other", parent: 1), None);

        // Version 2 exists, but of another model: a parent must be a version of the same one.
        var e = await Assert.ThrowsAsync<KeyNotFoundException>(() => registry.RegisterAsync(Samples.Model("addition", parent: 2), None));

        Assert.Contains("'addition'", e.Message);
        Assert.Contains("2", e.Message);
        Assert.Single(await registry.ListVersionsAsync("addition", None));
    }

    [Fact]
    public async Task Registering_a_first_version_with_a_parent_is_refused()
    {
        var registry = await StoreAsync();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => registry.RegisterAsync(Samples.Model("addition", parent: 1), None));

        Assert.Empty(await registry.ListModelsAsync(None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc123")]
    [InlineData("sha256:ABCDEF0000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256:0000")]
    [InlineData("md5:00000000000000000000000000000000")]
    public async Task Registering_an_invalid_checkpoint_hash_is_refused_naming_it(string hash)
    {
        var registry = await StoreAsync();

        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            registry.RegisterAsync(new RegisterModelRequest("addition", hash, new ModelLineage(), "alice"), None));

        Assert.Contains($"'{hash}'", e.Message);
        Assert.Empty(await registry.ListModelsAsync(None));
    }

    [Fact]
    public async Task Get_returns_null_for_an_unknown_model_or_version()
    {
        var registry = await StoreAsync();
        await registry.RegisterAsync(Samples.Model("addition"), None);

        Assert.Null(await registry.GetAsync("addition", 2, None));
        Assert.Null(await registry.GetAsync("nobody", 1, None));
    }

    [Fact]
    public async Task Models_and_versions_are_listed_in_order()
    {
        var registry = await StoreAsync();
        Assert.Empty(await registry.ListModelsAsync(None));
        await registry.RegisterAsync(Samples.Model("zeta"), None);
        await registry.RegisterAsync(Samples.Model("addition", seed: 1), None);
        await registry.RegisterAsync(Samples.Model("addition", parent: 1, seed: 2), None);
        await registry.RegisterAsync(Samples.Model("addition", parent: 1, seed: 3), None);

        Assert.Equal(["addition", "zeta"], await registry.ListModelsAsync(None));
        var versions = await registry.ListVersionsAsync("addition", None);
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal([Samples.Hash(1), Samples.Hash(2), Samples.Hash(3)], versions.Select(v => v.CheckpointHash));
        Assert.Empty(await registry.ListVersionsAsync("nobody", None));
    }

    [Fact]
    public async Task The_same_checkpoint_can_be_registered_twice_as_two_versions()
    {
        // Unlike definitions, a registration is an event (e.g. the same weights re-scored), not content.
        var registry = await StoreAsync();

        await registry.RegisterAsync(Samples.Model("addition"), None);
        var second = await registry.RegisterAsync(Samples.Model("addition"), None);

        Assert.Equal(2, second.Version);
    }

    [Fact]
    public async Task Versions_are_visible_to_another_instance_and_survive_reopening()
    {
        var writer = await StoreAsync();
        await writer.RegisterAsync(Samples.FullModel("addition", parent: null), None);
        await CloseAsync(writer);

        var reader = await StoreAsync();

        Assert.Equal(Samples.FullModel("addition", null).Lineage, (await reader.GetAsync("addition", 1, None))!.Lineage);
    }
}
