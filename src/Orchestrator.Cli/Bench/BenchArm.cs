using System.Text.Json.Nodes;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// One arm of a benchmark: a name, what it tests, and the workflow inputs that make it differ from the others; and,
/// for an arm that runs another procedure than its suite's workflow, that workflow (an id in the workflows folders or
/// a file). Round 0 still comes from the suite's workflow, shared by every arm of a seed.
/// </summary>
public sealed record BenchArm(string Name, string Description, JsonObject Inputs, string? Workflow = null)
{
    /// <summary>The arms of the self-improvement benchmark: the loop as shipped and its two controls.</summary>
    public static IReadOnlyList<BenchArm> SelfImprove { get; } =
    [
        new("shipped", "the loop as shipped: train on the checker-verified attempts (evaluator 'verified')", new JsonObject()),
        new("round0-only", "control: the same steps, trained on round-0 data only (evaluator 'keep-none')", new JsonObject { ["evaluator"] = "keep-none" }),
        new("no-filter", "control: trains on all attempts, right or wrong (evaluator 'keep-all')", new JsonObject { ["evaluator"] = "keep-all" }),
    ];

    /// <summary>
    /// The arms of the self-label benchmark. The controls train on whatever their evaluator keeps (the audit only
    /// reports, minPrecision 0), so a falling precision shows and the avalanche guard is what stops them.
    /// </summary>
    public static IReadOnlyList<BenchArm> SelfLabel { get; } =
    [
        new("selflabel", "self-labels judged by the shipped evaluator 'selflabel', audited (minPrecision 0.9)", new JsonObject()),
        new("length-only", "control: self-labels with the length filter only (evaluator 'format-only'), audit reporting only", new JsonObject { ["evaluator"] = "format-only", ["minPrecision"] = 0 }),
        new("no-filter", "control: every self-label, unfiltered (evaluator 'keep-all'), audit reporting only", new JsonObject { ["evaluator"] = "keep-all", ["minPrecision"] = 0 }),
        new("ensemble", "self-labels all of 3 independently seeded models agree on (workflow self-improve-addition-ensemble, evaluator 'selflabel-ensemble'), audited (minPrecision 0.9); member 1 is the shared round 0, members 2 and 3 train theirs within the arm's budget; its frontier is the lowest member's",
            new JsonObject { ["evaluator"] = "selflabel-ensemble" }, Workflow: "self-improve-addition-ensemble"),
    ];
}
