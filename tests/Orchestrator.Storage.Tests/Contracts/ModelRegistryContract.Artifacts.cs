using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Registry;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>The registry tells garbage collection which artifacts its versions hold.</summary>
public abstract partial class ModelRegistryContract
{
    [Fact]
    public async Task The_registry_references_every_checkpoint_and_dataset_naming_the_version()
    {
        var registry = await StoreAsync();
        await registry.RegisterAsync(Samples.Model("addition", seed: 1), None);
        await registry.RegisterAsync(Samples.FullModel("addition", parent: 1), None);
        await registry.RegisterAsync(Samples.Model("multiplication", seed: 3), None);

        var references = await Assert.IsAssignableFrom<IArtifactReferences>(registry).GetArtifactReferencesAsync(None);

        Assert.Equal(new Dictionary<string, string>
        {
            [Samples.Hash(1)] = "model addition@1",
            [Samples.FullModel("addition", 1).CheckpointHash] = "model addition@2",
            [Samples.FullModel("addition", 1).Lineage.DatasetHash!] = "model addition@2",
            [Samples.Hash(3)] = "model multiplication@1",
        }, references);
    }

    [Fact]
    public async Task An_empty_registry_references_nothing()
    {
        var registry = await StoreAsync();

        Assert.Empty(await Assert.IsAssignableFrom<IArtifactReferences>(registry).GetArtifactReferencesAsync(None));
    }

    [Fact]
    public async Task A_checkpoint_shared_by_two_versions_is_referenced_once()
    {
        var registry = await StoreAsync();
        await registry.RegisterAsync(Samples.Model("addition", seed: 1), None);
        await registry.RegisterAsync(Samples.Model("addition", parent: 1, seed: 1), None);

        var references = await Assert.IsAssignableFrom<IArtifactReferences>(registry).GetArtifactReferencesAsync(None);

        Assert.Equal(Samples.Hash(1), Assert.Single(references).Key);
        Assert.StartsWith("model addition@", references[Samples.Hash(1)]);
    }
}
