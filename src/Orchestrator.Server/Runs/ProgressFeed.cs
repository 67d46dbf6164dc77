using System.Text.Json.Nodes;
using Orchestrator.Storage;

namespace Orchestrator.Server.Runs;

/// <summary>The running step's progress as the store last recorded it, reported once per change.</summary>
public sealed class ProgressFeed(OrchestratorStores stores)
{
    private DateTimeOffset? _last;

    public async Task<JsonObject?> ChangedAsync(string runId, CancellationToken cancellationToken)
    {
        if (await stores.Control.GetProgressAsync(runId, cancellationToken) is not { } progress || progress.At == _last) return null;
        _last = progress.At;
        return ProgressDocuments.Of(progress);
    }
}
