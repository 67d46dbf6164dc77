namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// Seeded kill points, biased to where a crash can do harm: inside post-training, just after a gate (so inside
/// the promotion, between the alias move and its commit), inside the base training, inside the publish and the
/// edit, and anywhere at all. The engine prints "  ok   KEY" as it commits a step, so a short delay after the
/// line of the step before the target lands inside the target.
/// </summary>
public sealed class KillSchedule(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>
    /// A plan for the first launch of publish or edit, or null to let it finish. Both last a second or two, most of
    /// it starting the runtime, so half the kills land before the write: they are killed once per run at most,
    /// and the kills go mostly to the long run.
    /// </summary>
    public KillPlan? ForCommand(string command) =>
        _random.NextDouble() < 0.5 ? new KillPlan(command, null, Milliseconds(300, 2500)) : null;

    /// <summary>A plan for one launch of the run (run or resume).</summary>
    public KillPlan ForRun() => _random.Next(20) switch
    {
        < 6 => new KillPlan("post-train", line => Committed(line, "/data") || line.Contains("/train  train ", StringComparison.Ordinal), Milliseconds(0, 3000)),
        // The activities log what they made right after making it and before the engine commits: killing on that
        // line, at once, lands between the side effect and its commit, where exactly-once is at stake.
        < 8 => new KillPlan("post-train, candidate registered", line => line.Contains("/train: registered candidate ", StringComparison.Ordinal), TimeSpan.Zero),
        < 11 => new KillPlan("promote, alias moved", line => Logged(line, "/promote: ") || Logged(line, "crown: "), TimeSpan.Zero),
        < 14 => new KillPlan("promote", line => Committed(line, "/gate") || Committed(line, "base"), Milliseconds(0, 3)),
        < 16 => new KillPlan("base training", IsStart, Milliseconds(0, 8000)),
        _ => new KillPlan("anywhere", IsStart, Milliseconds(0, 25000)),
    };

    // "  log  round/0/promote: addition@champion: 1 -> 2", logged by registry/promote once the alias has moved.
    private static bool Logged(string line, string keyEnd) =>
        line.StartsWith("  log  ", StringComparison.Ordinal) && line.Contains(keyEnd + TinyLoop.Model + "@champion: ", StringComparison.Ordinal);

    private static bool IsStart(string line) => line.StartsWith("run ", StringComparison.Ordinal) || line.StartsWith("resuming ", StringComparison.Ordinal);

    // "  ok   round/0/gate  gate/heldout  187 ms": the key, ending in the step id, then two spaces.
    private static bool Committed(string line, string keyEnd) =>
        line.StartsWith("  ok   ", StringComparison.Ordinal) && line.AsSpan(7).StartsWith(keyEnd.StartsWith('/') ? "round/" : keyEnd, StringComparison.Ordinal)
        && line.Contains(keyEnd + "  ", StringComparison.Ordinal);

    private TimeSpan Milliseconds(int min, int max) => TimeSpan.FromMilliseconds(_random.Next(min, max + 1));
}
