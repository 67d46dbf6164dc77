namespace Orchestrator.Core.Parsing;

/// <summary>What a definition file may hold, whichever format it is written in.</summary>
public static class DocumentLimits
{
    /// <summary>
    /// How deeply lists and mappings may nest. Definitions are hashed, stored and sent as JSON, and a tree deeper than
    /// a JSON writer allows would pass reading and validation only to fail when published; real workflows nest about
    /// a dozen levels. It is also System.Text.Json's default, so a JSON file and a YAML file meet the same limit.
    /// </summary>
    public const int MaxDepth = 64;
}
