namespace Orchestrator.Cli.Bench;

/// <summary>A benchmark of one improvement loop: its arms, the workflow they run, and where results go by default.</summary>
public sealed record BenchSuite(string Name, string Title, string Description, IReadOnlyList<BenchArm> Arms, string Workflow)
{
    public static BenchSuite SelfImprove { get; } = new("self-improve", "Self-improvement loop: shipped vs controls",
        "Run the improvement loop and its controls on the same seeds and budget; write CSV, plots and a summary.", BenchArm.SelfImprove, "workflows/self-improve-addition.yaml");

    public static BenchSuite SelfLabel { get; } = new("self-label", "Self-labelled loop: shipped evaluator vs weaker filters",
        "Run the self-labelled loop with the shipped evaluator, the length filter only and no filter, on the same seeds and budget; write CSV, plots (frontier, audited precision) and a summary.",
        BenchArm.SelfLabel, "workflows/self-improve-addition-selflabel.yaml");
}
