using Orchestrator.Core.Engine;
using Orchestrator.Core.Registry;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// Where a kill landed, read from the store the killed process left: which command, which step was begun and
/// not committed, and for the steps with side effects whether the effect was already made (a candidate
/// registered, an alias moved, a version stored) when the process died.
/// </summary>
public static class KillLanding
{
    /// <summary>Where a kill of <paramref name="command"/> (publish, edit or run) landed in a SQLite store.</summary>
    public static async Task<string> ReadAsync(string store, string command)
    {
        if (!Directory.Exists(store)) return $"{command}: before the store existed";
        using var stores = StoreFactory.Open(store);
        return await ReadAsync(stores, command);
    }

    public static async Task<string> ReadAsync(OrchestratorStores stores, string command)
    {
        var none = CancellationToken.None;
        var (definitions, runs, models) = (stores.Definitions, stores.Runs, stores.Models);
        var versions = await definitions.ListVersionsAsync(TinyLoop.Workflow, none);
        switch (command)
        {
            case "publish":
                return versions.Count == 0 ? "publish: before its write" : "publish: after its write";
            case "edit":
                var edits = await definitions.GetEditsAsync(TinyLoop.Workflow, none);
                return (versions.Count, edits.Count) switch
                {
                    (< 2, 0) => "edit: before its write",
                    (2, 0) => "edit: draft stored, not journalled",
                    _ => "edit: after its journal",
                };
        }

        if (await runs.FindRunAsync(TinyLoop.RunId, none) is null) return "run: before the run was created";
        var running = (await runs.GetStepsAsync(TinyLoop.RunId, none)).Where(s => s.Status == StepStatus.Running).ToList();
        if (running.Count == 0) return "run: between a commit and the next step";
        var step = running[^1];
        return step.Kind switch
        {
            "learning/post-train" => await RegisteredByAsync(models, step.Key) ? "post-train: candidate registered, not committed" : "post-train: training",
            "learning/pretrain" => await RegisteredByAsync(models, step.Key) ? "pretrain: base registered, not committed" : "pretrain: training",
            "registry/promote" => await MovedByAsync(models, step.Key) ? "promote: alias moved, not committed" : "promote: before the move",
            _ => $"{step.Kind}: running",
        };
    }

    // The learning activities tag what they register with the run and step key (ModelVersions.StepKeyMetric).
    private static async Task<bool> RegisteredByAsync(IModelRegistry models, string key) =>
        (await models.ListModelsAsync(CancellationToken.None)).Contains(TinyLoop.Model)
        && (await models.ListVersionsAsync(TinyLoop.Model, CancellationToken.None)).Any(v => v.Lineage.RunId == TinyLoop.RunId && v.Metrics["stepKey"]?.GetValue<string>() == key);

    // registry/promote moves in the name of the run and step key, which is how a re-run finds its own move.
    private static async Task<bool> MovedByAsync(IModelRegistry models, string key) =>
        (await models.ListModelsAsync(CancellationToken.None)).Contains(TinyLoop.Model)
        && (await models.GetAliasHistoryAsync(TinyLoop.Model, "champion", CancellationToken.None)).Any(m => m.By == $"run {TinyLoop.RunId}/{key}");
}
