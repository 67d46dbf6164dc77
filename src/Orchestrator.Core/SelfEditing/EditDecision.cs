using System.Text.Json.Nodes;

namespace Orchestrator.Core.SelfEditing;

/// <summary>What the policy decided about a proposal: accepted for trial with the patched document, or refused with every reason.</summary>
public sealed record EditDecision(bool Accepted, IReadOnlyList<EditRejection> Rejections, JsonObject? Patched)
{
    public static EditDecision Refused(IReadOnlyList<EditRejection> rejections) => new(false, rejections, null);
}
