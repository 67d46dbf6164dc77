using System.Text.Json.Nodes;
using Orchestrator.Core.Engine.Dispatch;

namespace Orchestrator.Core.Activities.Testing;

/// <summary>
/// Runs one activity in isolation, without an engine or a database: for plugin authors' tests. Inputs are
/// checked the way a definition's would be before a run, then the activity runs with a seeded random
/// source and the given clock, and every log line is kept.
/// </summary>
public sealed class ActivityHarness(IActivity activity)
{
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public long Seed { get; init; } = 1;
    public string RunId { get; init; } = "harness";
    public string StepKey { get; init; } = "step";
    public JsonObject State { get; init; } = new();
    public List<string> Logs { get; } = [];
    public List<StepProgress> Progress { get; } = [];

    /// <summary>Called on every progress report, e.g. to cancel a long step at a chosen point.</summary>
    public Action<StepProgress>? OnProgress { get; init; }

    /// <summary>The problems a validator would report for these inputs before a run.</summary>
    public IReadOnlyList<InputProblem> Check(JsonObject inputs) => activity.CheckInputs(inputs, new HashSet<string>());

    public ValueTask<ActivityOutcome> RunAsync(JsonObject inputs, int attempt = 1, DateTimeOffset? firstStartedAt = null, CancellationToken cancellationToken = default)
    {
        var context = new ActivityContext
        {
            RunId = RunId,
            StepKey = StepKey,
            StepId = StepKey.Split('/')[^1],
            Attempt = attempt,
            FirstStartedAt = firstStartedAt ?? Time.GetUtcNow(),
            Time = Time,
            Random = StepRandom.For(Seed, StepKey, attempt),
            State = State,
            Log = Logs.Add,
            Progress = progress =>
            {
                Progress.Add(progress);
                OnProgress?.Invoke(progress);
            },
        };
        return activity.ExecuteAsync(inputs, context, cancellationToken);
    }
}
