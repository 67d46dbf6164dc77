using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;

namespace Orchestrator.Core.Activities;

/// <summary>What an activity is called, what it does, and the inputs and outputs it declares.</summary>
public sealed record ActivityDescriptor(
    string Type,
    string Description,
    IReadOnlyList<ActivityField> Inputs,
    IReadOnlyList<ActivityField> Outputs,
    bool AcceptsAnyInputs = false);

/// <summary>One declared input or output.</summary>
public sealed record ActivityField(string Name, InputType Type, bool Required, JsonNode? Default, string Description);
