using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Loop.Guard;

/// <summary>
/// <c>guard/avalanche</c>: the stop for compounding errors in self-labelled training. Training on wrong labels
/// makes the next round's labels worse, so a falling audited precision (below the best of the last few rounds
/// by more than <c>maxDrop</c>) or a falling frontier trips it; the workflow then rolls back to the last
/// champion and stops, recording the reason this step gives.
/// </summary>
public sealed class AvalancheGuardActivity()
    : Activity<AvalancheGuardOptions, AvalancheGuardOutput>("guard/avalanche", "Trips when audited label precision falls round over round or the frontier regresses.", new AvalancheGuardOptionsValidator())
{
    protected override ValueTask<ActivityOutcome> ExecuteAsync(AvalancheGuardOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = Judge(options);
        context.Log($"avalanche guard: {output.Reason}");
        return ValueTask.FromResult(Done(output));
    }

    /// <summary>The decision, from the numbers alone.</summary>
    public static AvalancheGuardOutput Judge(AvalancheGuardOptions options)
    {
        if (options.Frontier < options.PreviousFrontier)
            return new AvalancheGuardOutput { Tripped = true, Reason = $"the frontier fell from {options.PreviousFrontier} to {options.Frontier}" };

        var recent = options.History.TakeLast(options.Window).ToList();
        double? peak = recent.Count == 0 ? null : recent.Max();
        if (options.Precision is not { } precision)
            return new AvalancheGuardOutput { Tripped = false, Reason = "nothing was audited this round; frontier held", Peak = peak };
        if (peak is { } best && precision < best - options.MaxDrop)
            return new AvalancheGuardOutput
            {
                Tripped = true,
                Peak = best,
                Reason = $"audited label precision fell to {precision:0.000} from {best:0.000} within the last {recent.Count} round(s), more than the {options.MaxDrop:0.000} allowed",
            };
        return new AvalancheGuardOutput
        {
            Tripped = false,
            Peak = peak,
            Reason = peak is null ? $"precision {precision:0.000} (first audited round); frontier held" : $"precision {precision:0.000} against a recent best of {peak:0.000}; frontier held",
        };
    }
}
