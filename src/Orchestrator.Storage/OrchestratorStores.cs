using Orchestrator.Core.Access;
using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Core.Registry;
using Orchestrator.Core.Scheduling;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Storage;

/// <summary>
/// Everything one store location holds: runs and their journals, versioned definitions, the model registry
/// the artifacts, the schedules, the attempts dispatched to workers, the API keys, and the progress and cancel requests
/// of runs. Opened by <see cref="StoreFactory"/>; disposing it closes every connection.
/// </summary>
public sealed class OrchestratorStores(
    string location,
    IRunStore runs,
    IDefinitionStore definitions,
    IModelRegistry models,
    IArtifactStore artifacts,
    IScheduleStore schedules,
    IDispatchStore dispatch,
    IApiKeyStore keys,
    IRunControlStore control,
    IReadOnlyList<IDisposable> owned) : IDisposable
{
    /// <summary>Where the store is, for messages (a folder, or a PostgreSQL URL with the password hidden).</summary>
    public string Location { get; } = location;

    public IRunStore Runs { get; } = runs;
    public IDefinitionStore Definitions { get; } = definitions;
    public IModelRegistry Models { get; } = models;
    public IArtifactStore Artifacts { get; } = artifacts;

    /// <summary>Schedules and their journal (registered with Hangfire by workers).</summary>
    public IScheduleStore Schedules { get; } = schedules;

    /// <summary>Attempts dispatched to workers and their outcomes.</summary>
    public IDispatchStore Dispatch { get; } = dispatch;

    /// <summary>API keys (hashes and roles) for the server.</summary>
    public IApiKeyStore Keys { get; } = keys;

    /// <summary>The latest progress of runs and requests to cancel them, shared by the process executing a run and those watching it.</summary>
    public IRunControlStore Control { get; } = control;

    /// <summary>The stores that reference artifacts, for garbage collection.</summary>
    public IEnumerable<IArtifactReferences> ArtifactReferences => new object[] { Runs, Models }.OfType<IArtifactReferences>();

    public void Dispose()
    {
        foreach (var item in owned) item.Dispose();
    }
}
