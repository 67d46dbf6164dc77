using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// Gives a procedure the compute another spent: the estimated GFLOP of everything the baseline's rounds spent after
/// round 0 (proposing, training and gating) become the improved procedure's <c>computeBudget</c>, and its rounds are
/// capped only by the workflow's loop, so a procedure that spends less per round runs more rounds, each paying its
/// proposing and gating in full, rather than getting less compute. A procedure without that input gets the baseline's
/// post-training steps as its <c>budget</c> instead, which sees training alone.
/// </summary>
public static class EqualCompute
{
    public const string BudgetInput = "budget";
    public const string ComputeBudgetInput = "computeBudget";

    /// <summary>
    /// Rounds asked of the budgeted arm: the budget, not this, ends it. It equals the shipped loop's hard bound
    /// (<c>max: 200</c>); a target whose loop allows fewer refuses the run with a message naming both numbers.
    /// </summary>
    public const int RoundsCap = 200;

    public static bool Supported(WorkflowDefinition definition) => definition.Inputs.Any(i => i.Name is BudgetInput or ComputeBudgetInput);

    /// <summary>True when the procedure can be given a budget of total compute, not only of steps.</summary>
    public static bool ByCompute(WorkflowDefinition definition) => definition.Inputs.Any(i => i.Name == ComputeBudgetInput);

    /// <summary>
    /// The inputs that give an arm what the <paramref name="baseline"/> rounds spent after round 0 (none: no rounds):
    /// their GFLOP as <c>computeBudget</c> when <paramref name="byCompute"/> and the rounds reported compute, else their
    /// post-training steps as <c>budget</c>.
    /// </summary>
    public static JsonObject InputsFor(IReadOnlyList<RoundPoint> baseline, bool byCompute = true)
    {
        var ordered = baseline.OrderBy(p => p.Round).ToList();
        var (steps, gflop) = ordered.Count == 0 ? (0, 0) : (ordered[^1].TrainingSteps - ordered[0].TrainingSteps, Math.Round(ordered[^1].Gflop - ordered[0].Gflop, 3));
        // A budget of 0 means no limit, so a baseline that spent nothing gives no rounds rather than a zero budget.
        if (byCompute && gflop > 0) return new JsonObject { ["rounds"] = RoundsCap, [ComputeBudgetInput] = gflop };
        return steps > 0 ? new JsonObject { ["rounds"] = RoundsCap, [BudgetInput] = steps } : new JsonObject { ["rounds"] = 0 };
    }

    /// <summary>
    /// The frontier the improved arm is measured against: the baseline's final one, when the baseline gained any
    /// (reaching a frontier it never left is no measurement, so that arm runs its whole budget).
    /// </summary>
    public static int? Goal(IReadOnlyList<RoundPoint> baseline)
    {
        var ordered = baseline.OrderBy(p => p.Round).ToList();
        return ordered.Count > 1 && ordered[^1].Frontier > ordered[0].Frontier ? ordered[^1].Frontier : null;
    }
}
