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

    /// <summary>
    /// Which try of the step's own retry policy this is: 1, then 2, 3… after failures. <see cref="Attempt"/> counts
    /// every start the store has seen, crashes included; the step's random source follows this one instead, so a
    /// step started again after its process died draws what the interrupted try drew, and a run killed anywhere
    /// ends as the uninterrupted run does. Null (a record written before it existed): the attempt.
    /// </summary>
    public int? Try { get; init; }

    /// <summary>The number the step's random source is derived from: <see cref="Try"/>, or for older records the attempt.</summary>
    public int RandomTry => Try ?? Attempt;
}
