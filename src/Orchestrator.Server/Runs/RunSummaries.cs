using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Storage;

namespace Orchestrator.Server.Runs;

/// <summary>
/// Run summaries for the list, each running one with its running step's progress (one store query per page). A
/// finished run's last progress row is stale and is left out.
/// </summary>
public static class RunSummaries
{
    public static async Task<List<JsonNode>> WithProgressAsync(OrchestratorStores stores, IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken)
    {
        var running = runs.Where(r => r.Status == RunStatus.Running).Select(r => r.Id).ToList();
        var progress = running.Count == 0 ? null : await stores.Control.GetProgressAsync(running, cancellationToken);
        return [.. runs.Select(r =>
        {
            var summary = RunDocuments.Summary(r);
            summary["progress"] = progress is not null && progress.TryGetValue(r.Id, out var p) && r.Status == RunStatus.Running ? ProgressDocuments.Of(p) : null;
            return (JsonNode)summary;
        })];
    }
}
