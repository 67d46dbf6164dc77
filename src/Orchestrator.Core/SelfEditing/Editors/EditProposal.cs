using System.Text.Json.Nodes;

namespace Orchestrator.Core.SelfEditing.Editors;

/// <summary>
/// An editor's proposal: the patch, the arm of the editor's edit space it came from (what the editor learns about,
/// e.g. <c>/steps/4/do/4/with/steps:down</c>) and, in words, why.
/// </summary>
public sealed record EditProposal(JsonArray Patch, string Arm, string Rationale);
