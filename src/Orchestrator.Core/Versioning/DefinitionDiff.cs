using System.Text.Json.Nodes;
using Orchestrator.Core.Json.Patch;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Versioning;

/// <summary>
/// What changed from one version of a definition to another: the RFC 6902 patch, and each change with the value
/// before and after, for people (<c>diff</c>, the dashboard's readable diff).
/// </summary>
public sealed class DefinitionDiff
{
    private DefinitionDiff(DefinitionVersion from, DefinitionVersion to, JsonPatch patch, IReadOnlyList<Change> changes) =>
        (From, To, Patch, Changes) = (from, to, patch, changes);

    public DefinitionVersion From { get; }
    public DefinitionVersion To { get; }
    public JsonPatch Patch { get; }
    public IReadOnlyList<Change> Changes { get; }

    public static DefinitionDiff Between(DefinitionVersion from, DefinitionVersion to)
    {
        var (before, after) = (Content(from), Content(to));
        var patch = JsonDiff.Create(before, after);
        var changes = patch.Operations
            .Select(op => new Change(op.Op, op.Path, JsonPointer.TryResolve(before, op.Path, out var old) ? old : null, op.Op == "remove" ? null : op.Value))
            .ToList();
        return new DefinitionDiff(from, to, patch, changes);
    }

    public JsonObject ToJson() => new()
    {
        ["from"] = From.Reference,
        ["to"] = To.Reference,
        ["changes"] = new JsonArray([.. Changes.Select(c => (JsonNode)new JsonObject
        {
            ["op"] = c.Op, ["path"] = c.Path, ["before"] = c.Before?.DeepClone(), ["after"] = c.After?.DeepClone(),
        })]),
        ["patch"] = Patch.ToJson(),
    };

    /// <summary>The document without its version field, which always differs and says nothing.</summary>
    private static JsonObject Content(DefinitionVersion version)
    {
        var content = (JsonObject)version.Document.DeepClone();
        content.Remove("version");
        return content;
    }

    public sealed record Change(string Op, string Path, JsonNode? Before, JsonNode? After);
}
