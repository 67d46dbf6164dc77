using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// Gives a procedure the compute another spent: the post-training steps of the baseline's rounds become the improved
/// procedure's <c>budget</c>, and its rounds are capped only by the workflow's loop, so a procedure that trains less
/// per round runs more rounds rather than getting less compute.
/// </summary>
public static class EqualCompute
{
    public const string BudgetInput = "budget";

    /// <summary>
    /// Rounds asked of the budgeted arm: the budget, not this, ends it. It equals the shipped loop's hard bound
    /// (<c>max: 200</c>); a target whose loop allows fewer refuses the run with a message naming both numbers.
    /// </summary>
    public const int RoundsCap = 200;

    public static bool Supported(WorkflowDefinition definition) => definition.Inputs.Any(i => i.Name == BudgetInput);

    /// <summary>The inputs that give an arm the steps the <paramref name="baseline"/> rounds spent after round 0 (none: no rounds).</summary>
    public static JsonObject InputsFor(IReadOnlyList<RoundPoint> baseline)
    {
        var ordered = baseline.OrderBy(p => p.Round).ToList();
        var spent = ordered.Count == 0 ? 0 : ordered[^1].TrainingSteps - ordered[0].TrainingSteps;
        return spent <= 0 ? new JsonObject { ["rounds"] = 0 } : new JsonObject { ["rounds"] = RoundsCap, [BudgetInput] = spent };
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
