using System.Text.Json.Nodes;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Engine;
using Orchestrator.Core.SelfEditing;

namespace Orchestrator.Core.Versioning;

/// <summary>A definition's versions, its <c>current</c> moves and its self-edit journal as JSON: <c>versions --json</c> and the HTTP API.</summary>
public static class DefinitionDocuments
{
    public static JsonObject Version(DefinitionVersion v) => new()
    {
        ["version"] = v.Version, ["status"] = RunDocuments.Name(v.Status), ["contentHash"] = v.ContentHash, ["parent"] = v.ParentVersion,
        ["author"] = v.Author, ["reason"] = v.Reason, ["createdAt"] = v.CreatedAt,
    };

    public static JsonObject Edit(EditRecord e) => new()
    {
        ["sequence"] = e.Sequence, ["parent"] = e.ParentVersion, ["editor"] = e.Editor, ["accepted"] = e.Accepted, ["draft"] = e.DraftVersion,
        ["patch"] = e.Patch.DeepClone(), ["rejections"] = new JsonArray([.. e.Rejections.Select(r => (JsonNode)r.ToString())]),
        ["rationale"] = e.Rationale, ["details"] = e.Details?.DeepClone(), ["at"] = e.At,
    };

    /// <summary>Everything <c>versions ID</c> shows: the versions, which is current, the moves of <c>current</c>, the self-edits.</summary>
    public static async Task<JsonObject?> HistoryAsync(IDefinitionStore store, string id, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(id, cancellationToken);
        if (versions.Count == 0) return null;
        var history = await store.GetAliasHistoryAsync(id, IDefinitionStore.CurrentAlias, cancellationToken);
        var edits = await store.GetEditsAsync(id, cancellationToken);
        return new JsonObject
        {
            ["id"] = id,
            ["current"] = await store.GetAliasAsync(id, IDefinitionStore.CurrentAlias, cancellationToken),
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)Version(v))]),
            ["currentHistory"] = new JsonArray([.. history.Select(m => (JsonNode)AliasDocuments.Of(m))]),
            ["edits"] = new JsonArray([.. edits.Select(e => (JsonNode)Edit(e))]),
        };
    }
}
