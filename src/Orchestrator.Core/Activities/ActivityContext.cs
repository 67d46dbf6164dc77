using System.Text.Json.Nodes;

namespace Orchestrator.Core.Activities;

/// <summary>
/// Everything an attempt may use besides its inputs. Time and randomness come from here, never from
/// the machine: the random source is seeded from the run's seed and the step's key, so a replay
/// draws the same numbers.
/// </summary>
public sealed class ActivityContext
{
    public required string RunId { get; init; }

    /// <summary>The step's place in this run, e.g. <c>rounds/2/squares/0/square</c>; unique per execution.</summary>
    public required string StepKey { get; init; }

    public required string StepId { get; init; }
    public required int Attempt { get; init; }

    /// <summary>When the step first started, across crashes and retries: durable timers count from here.</summary>
    public required DateTimeOffset FirstStartedAt { get; init; }

    public required TimeProvider Time { get; init; }
    public required Random Random { get; init; }
    public required JsonObject State { get; init; }
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>Reports progress of a long step; displays throttle it, so call it as often as is natural.</summary>
    public Action<StepProgress> Progress { get; init; } = _ => { };

    /// <summary>Key for idempotent side effects: the same for every attempt of one step execution.</summary>
    public string IdempotencyKey => $"{RunId}/{StepKey}";
}
