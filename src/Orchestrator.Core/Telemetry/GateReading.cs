using System.Text.Json.Nodes;
using Orchestrator.Core.Json;

namespace Orchestrator.Core.Telemetry;

/// <summary>
/// What telemetry reads from a gate's step output. A gate is recognised by its output's shape, a boolean
/// <c>passed</c> with a numeric <c>pValue</c>: both of the project's gates (<c>gate/heldout</c>, <c>meta/gate</c>) write
/// it, no other activity does, and a plugin's gate that follows the convention is counted without Core knowing it.
/// </summary>
public sealed record GateReading(bool Passed, string Outcome, double PValue, long? Frontier, string? Model)
{
    public static GateReading? From(JsonNode? output)
    {
        if (output is not JsonObject fields
            || fields["passed"] is not JsonValue passedValue || !passedValue.TryGetValue<bool>(out var passed)
            || !JsonTypes.TryGetNumber(fields["pValue"], out var pValue))
            return null;
        // The protected gate names its outcome (passed, not-better, regressed...); the meta-gate only passes or not.
        var outcome = fields["outcome"] is JsonValue named && named.TryGetValue<string>(out var word) ? word : passed ? "passed" : "refused";
        long? frontier = JsonTypes.TryGetNumber(fields["frontier"], out var length) ? (long)length : null;
        return new GateReading(passed, outcome, pValue, frontier, ModelName(fields["champion"], fields["candidate"], passed));
    }

    // The model's name without its version (NAME@VERSION): one series per model family, not one per checkpoint.
    private static string? ModelName(JsonNode? champion, JsonNode? candidate, bool passed)
    {
        var reference = (passed ? candidate : champion) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (string.IsNullOrEmpty(reference)) return null;
        var at = reference.IndexOf('@');
        return at < 0 ? reference : reference[..at];
    }
}
