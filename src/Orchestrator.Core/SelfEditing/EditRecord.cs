using System.Text.Json.Nodes;

namespace Orchestrator.Core.SelfEditing;

/// <summary>
/// A self-edit proposal as journalled, accepted or not: which definition version it was made against, by which
/// editor, the patch, the reasons it was refused, and the draft version it became when accepted. Nothing in the
/// journal is ever changed or deleted.
/// </summary>
public sealed record EditRecord
{
    /// <summary>Position in the definition's journal, from 1.</summary>
    public required long Sequence { get; init; }
    public required string DefinitionId { get; init; }
    public required int ParentVersion { get; init; }

    /// <summary>Who proposed it: an editor name and version (e.g. <c>bandit@3</c>), or a person.</summary>
    public required string Editor { get; init; }
    public required JsonArray Patch { get; init; }
    public required bool Accepted { get; init; }
    public required IReadOnlyList<EditRejection> Rejections { get; init; }

    /// <summary>The draft version an accepted proposal was stored as.</summary>
    public int? DraftVersion { get; init; }

    /// <summary>Why the editor proposed it, when it said.</summary>
    public string? Rationale { get; init; }

    /// <summary>
    /// What else the proposer recorded (written since table schema 9; null before): the step and slot it filled
    /// (<c>step</c>, <c>slot</c>), the editor's arm, and for an editor that asks a model the model that answered
    /// (<c>model</c>), the tokens it spent (<c>usage</c>: <c>prompt</c>, <c>completion</c>) and, for a slot spent
    /// without a usable patch, why (<c>failure</c>) and the start of the answer (<c>answer</c>).
    /// </summary>
    public JsonObject? Details { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>What to append to a definition's edit journal (the store numbers and timestamps it).</summary>
public sealed record EditJournalEntry(string DefinitionId, int ParentVersion, string Editor, JsonArray Patch, bool Accepted,
    IReadOnlyList<EditRejection> Rejections, int? DraftVersion = null, string? Rationale = null, JsonObject? Details = null);
