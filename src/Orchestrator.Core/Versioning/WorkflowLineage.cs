using System.Text.Json.Nodes;

namespace Orchestrator.Core.Versioning;

/// <summary>
/// The chain of versions behind a workflow's current version, oldest first: each with its author (a person or an
/// editor), the self-edit that made it, and the gain and p-value the meta-gate journalled when it was adopted.
/// </summary>
public static class WorkflowLineage
{
    public static async Task<(int Current, IReadOnlyList<JsonObject> Chain)> BuildAsync(IDefinitionStore store, string id, int? from, CancellationToken cancellationToken)
    {
        var current = from ?? await store.GetAliasAsync(id, IDefinitionStore.CurrentAlias, cancellationToken)
            ?? throw new Core.Engine.RunSetupException($"'{id}' has no current version in this store; 'orchestrator publish FILE' stores one");
        var versions = (await store.ListVersionsAsync(id, cancellationToken)).ToDictionary(v => v.Version);
        var moves = await store.GetAliasHistoryAsync(id, IDefinitionStore.CurrentAlias, cancellationToken);
        var edits = await store.GetEditsAsync(id, cancellationToken);

        // Follow the parents from the version back to the first one.
        var chain = new List<DefinitionVersion>();
        for (int? at = current; at is { } v && versions.TryGetValue(v, out var version) && chain.All(c => c.Version != v); at = version.ParentVersion)
            chain.Insert(0, version);

        return (current, chain.Select(v =>
        {
            var adoption = moves.LastOrDefault(m => m.To == v.Version);
            var edit = edits.LastOrDefault(e => e.DraftVersion == v.Version);
            return new JsonObject
            {
                ["version"] = v.Version,
                ["parent"] = v.ParentVersion,
                ["author"] = v.Author,
                ["edit"] = edit?.Patch.DeepClone(),
                ["gain"] = adoption?.Evidence?["meanGain"]?.DeepClone(),
                ["pValue"] = adoption?.Evidence?["pValue"]?.DeepClone(),
                ["adoptedBecause"] = adoption?.Reason,
            };
        }).ToList());
    }

    /// <summary>A patch as "path = value" pairs.</summary>
    public static string Describe(JsonArray? patch) =>
        patch is null ? "-" : string.Join("; ", patch.OfType<JsonObject>().Select(op => $"{op["path"]} = {op["value"]?.ToJsonString()}"));
}
