using System.Text.Json.Nodes;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Core.SelfEditing.Editors;

namespace Orchestrator.Core.Meta.Propose;

/// <summary>
/// How meta/propose marks its journal entries: each names the step execution and the slot (1..proposals) it filled,
/// so a re-run of the step after a crash finds the slots it already journalled and keeps what they recorded. That
/// matters for an editor whose answers differ from one call to the next (an LLM): the journal, the drafts and the
/// step's output then tell one story, not two.
/// </summary>
internal static class ProposalSlots
{
    /// <summary>The entries <paramref name="step"/> journalled, by slot.</summary>
    public static IReadOnlyDictionary<int, EditRecord> Journalled(IReadOnlyList<EditRecord> journal, string step) =>
        journal.Where(e => e.Details?["step"] is JsonValue s && s.TryGetValue<string>(out var key) && key == step && e.Details["slot"] is JsonValue)
            .GroupBy(e => e.Details!["slot"]!.GetValue<int>())
            .ToDictionary(g => g.Key, g => g.First());

    /// <summary>The details journalled with a proposal: where it came from and, for a model, who answered and what it cost.</summary>
    public static JsonObject Details(string step, int slot, EditProposal proposal)
    {
        var details = new JsonObject { ["step"] = step, ["slot"] = slot, ["arm"] = proposal.Arm };
        if (proposal.AnsweredBy is { } model) details["model"] = model;
        if (proposal.Usage is { } usage) details["usage"] = new JsonObject { ["prompt"] = usage.Prompt, ["completion"] = usage.Completion };
        if (proposal.Failure is { } failure) details["failure"] = failure;
        if (proposal.Answer is { } answer) details["answer"] = answer;
        return details;
    }

    /// <summary>The arm a journalled proposal was recorded with.</summary>
    public static string Arm(EditRecord entry) => entry.Details?["arm"] is JsonValue arm && arm.TryGetValue<string>(out var text) ? text : "?";

    /// <summary>Whether a journalled slot was spent without a usable patch.</summary>
    public static bool Failed(EditRecord entry) => entry.Details?["failure"] is not null;
}
