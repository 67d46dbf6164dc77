using System.Text.Json.Nodes;

namespace Orchestrator.Core.Aliases;

/// <summary>An alias journal entry as JSON: what the CLI's <c>--json</c> prints and the HTTP API returns.</summary>
public static class AliasDocuments
{
    public static JsonObject Of(AliasMove move) => new()
    {
        ["sequence"] = move.Sequence,
        ["alias"] = move.Alias,
        ["from"] = move.From,
        ["to"] = move.To,
        ["at"] = move.At,
        ["by"] = move.By,
        ["reason"] = move.Reason,
        ["evidence"] = move.Evidence?.DeepClone(),
    };
}
