using System.Text.Json.Nodes;
using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Engine;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Contracts;

/// <summary>
/// Runs hold artifact hashes in their state and outputs (checkpoints, datasets); garbage collection must see
/// every one, or it would delete what a resumed run still needs.
/// </summary>
public abstract partial class RunStoreContract
{
    [Fact]
    public async Task Artifact_hashes_in_runs_and_steps_are_referenced_naming_where_they_are()
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run("r1") with
        {
            Inputs = new JsonObject { ["model"] = Samples.Hash(1) },
            State = new JsonObject { ["checkpoints"] = new JsonArray(Samples.Hash(2)) },
        }, None);
        await store.CommitStepAsync("r1", Records.Succeeded("train") with
        {
            Output = new JsonObject { ["checkpoint"] = Samples.Hash(4) },
            StateChanges = new JsonObject { ["dataset"] = Samples.Hash(5) },
        }, new JsonObject { ["checkpoints"] = new JsonArray(Samples.Hash(2), $"text around {Samples.Hash(3)} a hash") }, Records.T0, None);
        await store.CreateRunAsync(Records.Run("r2"), None);
        await store.UpdateRunStatusAsync("r2", RunStatus.Succeeded, new JsonObject { ["best"] = Samples.Hash(6) }, null, Records.T0, None);

        var references = await Assert.IsAssignableFrom<IArtifactReferences>(store).GetArtifactReferencesAsync(None);

        Assert.Equal(
            new[] { 1, 2, 3, 4, 5, 6 }.Select(Samples.Hash).Order(StringComparer.Ordinal),
            references.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("run r1", references[Samples.Hash(1)]);
        Assert.Equal("run r1", references[Samples.Hash(2)]);
        Assert.Equal("run r1", references[Samples.Hash(3)]);
        Assert.Equal("run r1 step train", references[Samples.Hash(4)]);
        Assert.Equal("run r1 step train", references[Samples.Hash(5)]);
        Assert.Equal("run r2", references[Samples.Hash(6)]);
    }

    [Fact]
    public async Task Text_that_only_resembles_a_hash_is_not_referenced()
    {
        var store = await StoreAsync();
        await store.CreateRunAsync(Records.Run() with
        {
            State = new JsonObject { ["short"] = "sha256:abc", ["upper"] = "sha256:" + new string('A', 64), ["plain"] = new string('0', 64) },
        }, None);

        var references = await Assert.IsAssignableFrom<IArtifactReferences>(store).GetArtifactReferencesAsync(None);

        Assert.Empty(references);
    }
}
