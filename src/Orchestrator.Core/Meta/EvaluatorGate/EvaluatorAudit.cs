using System.Text.Json.Nodes;
using Orchestrator.Core.SelfEditing;

namespace Orchestrator.Core.Meta.EvaluatorGate;

/// <summary>One evaluator version's labels on the gate's proposals: how many it kept and, of an audited sample, how many were right.</summary>
public sealed record EvaluatorAudit(string Evaluator, int Kept, int Audited, int Correct)
{
    public double Precision => Audited == 0 ? 0 : Correct / (double)Audited;

    /// <summary>What <see cref="EvaluatorEditGate"/> judges.</summary>
    public EvaluatorEditGate.Audit ForGate() => new(Kept, Audited, Correct);

    public JsonObject ToJson() => new()
    {
        ["evaluator"] = Evaluator,
        ["kept"] = Kept,
        ["audited"] = Audited,
        ["correct"] = Correct,
        ["precision"] = Math.Round(Precision, 4),
    };
}
