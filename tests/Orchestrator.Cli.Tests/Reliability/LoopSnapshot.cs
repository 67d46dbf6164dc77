using System.Text.Json.Nodes;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Versioning;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// Everything a run of the loop leaves in its store that must not depend on where it was killed, read from the
/// SQLite files: the run (status, output, rounds, committed steps), every model version with its checkpoint and
/// lineage, the champion and its alias journal, the workflow's versions, 'current' journal and self-edits.
/// Wall-clock figures (seconds, tokens per second, CPU seconds, times) are left out: they differ between any two runs.
/// </summary>
public static class LoopSnapshot
{
    private static readonly HashSet<string> WallClock = ["seconds", "tokensPerSecond", "cpuSeconds", "proposeSeconds", "trainSeconds", "gateSeconds", "at", "createdAt"];

    /// <summary>Reads the store at <paramref name="location"/>: a SQLite folder or a PostgreSQL connection string.</summary>
    public static async Task<JsonObject> ReadAsync(string location)
    {
        var none = CancellationToken.None;
        using var stores = StoreFactory.Open(location);
        var (runs, models, definitions) = (stores.Runs, stores.Models, stores.Definitions);

        var run = await runs.FindRunAsync(TinyLoop.RunId, none) ?? throw new InvalidOperationException($"no run '{TinyLoop.RunId}' in {location}");
        var steps = await runs.GetStepsAsync(TinyLoop.RunId, none);
        var versions = await models.ListVersionsAsync(TinyLoop.Model, none);
        var champion = (await models.GetAliasesAsync(TinyLoop.Model, none))["champion"];
        var workflow = await definitions.ListVersionsAsync(TinyLoop.Workflow, none);

        return new JsonObject
        {
            ["run"] = new JsonObject
            {
                ["status"] = run.Status.ToString(),
                ["output"] = WithoutWallClock(run.Output),
                ["rounds"] = WithoutWallClock(run.State["rounds"]),
                ["committed"] = new JsonArray([.. steps.Where(s => s.IsCommitted).Select(s => JsonValue.Create(s.Key)).OrderBy(k => k!.GetValue<string>(), StringComparer.Ordinal)]),
            },
            ["champion"] = new JsonObject { ["version"] = champion, ["checkpoint"] = versions.Single(v => v.Version == champion).CheckpointHash },
            ["models"] = new JsonArray([.. versions.Select(v => new JsonObject
            {
                ["version"] = v.Version,
                ["checkpoint"] = v.CheckpointHash,
                ["parent"] = v.Lineage.ParentVersion,
                ["run"] = v.Lineage.RunId,
                ["workflow"] = v.Lineage.Workflow,
                ["evaluator"] = v.Lineage.Evaluator,
                ["dataset"] = v.Lineage.DatasetHash,
                ["seed"] = v.Lineage.Seed,
                ["steps"] = v.Lineage.Compute.TrainingSteps,
                ["tokens"] = v.Lineage.Compute.Tokens,
                ["metrics"] = WithoutWallClock(v.Metrics),
                ["createdBy"] = v.CreatedBy,
                ["description"] = v.Description,
            })]),
            ["championJournal"] = Journal(await models.GetAliasHistoryAsync(TinyLoop.Model, "champion", none)),
            ["workflowVersions"] = new JsonArray([.. workflow.Select(v => new JsonObject
            {
                ["version"] = v.Version,
                ["status"] = v.Status.ToString(),
                ["content"] = v.ContentHash,
                ["parent"] = v.ParentVersion,
                ["author"] = v.Author,
                ["reason"] = v.Reason,
            })]),
            ["currentJournal"] = Journal(await definitions.GetAliasHistoryAsync(TinyLoop.Workflow, IDefinitionStore.CurrentAlias, none)),
            ["edits"] = new JsonArray([.. (await definitions.GetEditsAsync(TinyLoop.Workflow, none)).Select(e => new JsonObject
            {
                ["sequence"] = e.Sequence,
                ["parent"] = e.ParentVersion,
                ["editor"] = e.Editor,
                ["accepted"] = e.Accepted,
                ["draft"] = e.DraftVersion,
                ["patch"] = e.Patch.DeepClone(),
            })]),
        };
    }

    /// <summary>The paths where two snapshots differ, each with both values, for a message that shows the divergence.</summary>
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual, string path = "")
    {
        if (JsonNode.DeepEquals(expected, actual)) return [];
        if (expected is JsonObject e && actual is JsonObject a)
            return [.. e.Select(p => p.Key).Union(a.Select(p => p.Key)).SelectMany(k => Differences(e[k], a[k], $"{path}/{k}"))];
        if (expected is JsonArray ea && actual is JsonArray aa && ea.Count == aa.Count)
            return [.. Enumerable.Range(0, ea.Count).SelectMany(i => Differences(ea[i], aa[i], $"{path}/{i}"))];
        return [$"{path}: uninterrupted {Text(expected)}, crashed {Text(actual)}"];
    }

    private static string Text(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "(missing)";
        return text.Length > 400 ? text[..400] + "…" : text;
    }

    private static JsonArray Journal(IReadOnlyList<AliasMove> moves) =>
        new([.. moves.Select(m => new JsonObject
        {
            ["sequence"] = m.Sequence,
            ["from"] = m.From,
            ["to"] = m.To,
            ["by"] = m.By,
            ["reason"] = m.Reason,
            ["evidence"] = WithoutWallClock(m.Evidence),
        })]);

    private static JsonNode? WithoutWallClock(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => !WallClock.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, WithoutWallClock(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(WithoutWallClock)]),
        _ => node?.DeepClone(),
    };
}
