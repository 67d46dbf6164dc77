using System.Text.Json.Nodes;

namespace Orchestrator.Core.Engine.Dispatch;

/// <summary>
/// Everything needed to run one attempt of an activity step, and nothing that ties it to this process:
/// a dispatcher may deliver it to another worker. The engine keeps the state; the worker returns an outcome.
/// </summary>
public sealed record StepInvocation(
    string RunId,
    string StepKey,
    string StepId,
    string ActivityType,
    JsonObject Inputs,
    int Attempt,
    DateTimeOffset FirstStartedAt,
    long Seed,
    JsonObject State)
{
    /// <summary>The queue the step names (<c>queue:</c>), or null: run wherever the run runs.</summary>
    public string? Queue { get; init; }
}
