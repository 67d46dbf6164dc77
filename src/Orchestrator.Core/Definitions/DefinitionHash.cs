using System.Text.Json.Nodes;
using Orchestrator.Core.Json;

namespace Orchestrator.Core.Definitions;

/// <summary>
/// The content hash of a definition: SHA-256 of its canonical JSON without the <c>version</c> field. The
/// store assigns version numbers, so the same content published again is recognised whatever number the
/// file carried, and a run pins content and version separately.
/// </summary>
public static class DefinitionHash
{
    public static string Of(JsonObject document)
    {
        var content = (JsonObject)document.DeepClone();
        content.Remove("version");
        return CanonicalJson.Hash(content);
    }
}
