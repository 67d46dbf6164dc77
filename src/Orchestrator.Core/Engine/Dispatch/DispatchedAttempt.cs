using System.Text.Json.Nodes;

namespace Orchestrator.Core.Engine.Dispatch;

/// <summary>
/// An activity attempt handed to another process (a worker serving a queue), as our store keeps it: the
/// invocation going out and, once a worker has run it, the outcome coming back. Keyed by run, step key and
/// attempt, so a delivery repeated by the transport finds the outcome already there and changes nothing.
/// </summary>
public sealed record DispatchedAttempt
{
    public required string RunId { get; init; }
    public required string StepKey { get; init; }
    public required int Attempt { get; init; }
    public required string Queue { get; init; }

    /// <summary>The <see cref="StepInvocation"/> as JSON (<see cref="StepInvocationJson"/>).</summary>
    public required JsonObject Invocation { get; init; }

    /// <summary>The outcome as JSON, once a worker has finished the attempt; null while pending.</summary>
    public JsonObject? Outcome { get; init; }

    /// <summary>Who finished it (a worker's owner id).</summary>
    public string? FinishedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    public bool IsFinished => Outcome is not null;
}
