using System.Text.Json.Nodes;

namespace Orchestrator.Core.Definitions;

/// <summary>A declared workflow input: its type, an optional default, and whether a run must supply it.</summary>
public sealed record InputDefinition(string Name, InputType Type, JsonNode? Default, bool HasDefault, string? Description)
{
    public bool Required => !HasDefault;
}
