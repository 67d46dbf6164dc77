using System.Text.Json.Nodes;

namespace Orchestrator.Core.Activities;

/// <summary>What an attempt produced: an output (and state changes), or an expected failure.</summary>
public sealed record ActivityOutcome
{
    private ActivityOutcome() { }

    public bool Succeeded => Error is null;
    public JsonNode? Output { get; private init; }

    /// <summary>Top-level state keys to assign; only the engine applies them, inside the step's commit.</summary>
    public JsonObject? StateChanges { get; private init; }

    public ActivityError? Error { get; private init; }

    public static ActivityOutcome Success(JsonNode? output, JsonObject? stateChanges = null) => new() { Output = output, StateChanges = stateChanges };

    public static ActivityOutcome Failure(string type, string message, bool transient = false) => new() { Error = new ActivityError(type, message, transient) };
}
