using System.Globalization;

namespace Orchestrator.Core.SelfEditing;

/// <summary>
/// The label-quality condition on an evaluator edit, judged on audits of the same proposals: an edit may keep more
/// labels only if their audited precision does not fall by more than <c>maxDrop</c>. An evaluator that "improves" by
/// letting more wrong labels through would speed up the avalanche, not learning.
/// </summary>
public static class EvaluatorEditGate
{
    /// <summary>One evaluator's result on a set of attempts: labels kept, and of an audited sample, how many were right.</summary>
    public sealed record Audit(int Kept, int Audited, int Correct)
    {
        public double Precision => Audited == 0 ? 0 : Correct / (double)Audited;
    }

    /// <summary>Null when the edit may go on to its trial; otherwise why it may not.</summary>
    public static EditRejection? Judge(Audit baseline, Audit edited, double maxDrop = 0.02)
    {
        if (edited.Audited == 0)
            return edited.Kept == 0 ? null : new EditRejection("", "the edited evaluator's labels were not audited; an evaluator edit is judged on audited precision");
        var fall = baseline.Precision - edited.Precision;
        if (fall <= maxDrop) return null;
        return new EditRejection("", string.Create(CultureInfo.InvariantCulture,
            $"audited precision fell from {baseline.Precision:0.000} to {edited.Precision:0.000} (more than the {maxDrop:0.000} allowed) while kept labels went from {baseline.Kept} to {edited.Kept}"));
    }
}
