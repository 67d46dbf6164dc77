using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Core.Meta.Propose;

/// <summary>
/// <c>meta/propose</c>: asks an editor (with its learned state, the definition's edit journal and its adoptions) for
/// self-edits of a workflow version — or of an evaluator version (target <c>evaluators/ID</c>), within the evaluator's
/// declared tunables — runs each through <see cref="SelfEditPolicy"/>, stores the accepted ones as drafts of the
/// target and journals every proposal — and every slot the editor spent without a usable patch, with why. A re-run
/// of the step after a crash finds its journal entries and drafts again instead of adding new ones.
/// </summary>
public sealed class MetaProposeActivity(MetaServices services)
    : Activity<MetaProposeOptions, MetaProposeOutput>("meta/propose", "Asks an editor for self-edits of a workflow or evaluator version; accepted ones become drafts, every one is journalled.", new MetaProposeOptionsValidator(services.Editors))
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(MetaProposeOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        if (await services.ResolveAsync(options.Target, options.Version, cancellationToken) is not { } parentVersion)
            return Failed("unknown-target", Unpublished(options));
        var (target, unusable) = await EditTarget.LoadAsync(services, options.Target, parentVersion, cancellationToken);
        if (unusable is not null) return Failed("invalid-target", unusable);
        if (target is null) return Failed("unknown-target", Unpublished(options));
        if (!services.Editors.TryCreate(options.Editor, new EditorSetup(options.Connection), out var editor, out var problem))
            return Failed("editor-unavailable", problem);

        var editorVersion = await EditorStates.LoadAsync(services, editor, options.EditorVersion, cancellationToken);
        var parent = target.Space.Document;
        var policy = new SelfEditPolicy(target.Validate);
        var journal = await services.Definitions.GetEditsAsync(options.Target, cancellationToken);
        var request = new EditRequest(target.Space, options.Proposals, context.Random)
        {
            Journal = journal,
            Adoptions = await AdoptionsAsync(options.Target, journal, cancellationToken),
        };
        var by = $"editor:{editor.Name}@{editorVersion}";
        var step = context.IdempotencyKey;
        var journalled = ProposalSlots.Journalled(journal, step);

        var drafts = new JsonArray();
        var (refused, failed) = (0, 0);
        var proposals = await editor.ProposeAsync(request, cancellationToken);
        for (var slot = 1; slot <= proposals.Count; slot++)
        {
            if (journalled.TryGetValue(slot, out var earlier))
            {
                if (earlier.Accepted)
                    drafts.Add(Draft(earlier.DraftVersion!.Value, ProposalSlots.Arm(earlier), earlier.Rationale ?? "", earlier.Patch));
                else (refused, failed) = (refused + 1, failed + (ProposalSlots.Failed(earlier) ? 1 : 0));
                continue;
            }
            var proposal = Journalable(proposals[slot - 1]);
            var decision = proposal.Failure is { } failure
                ? EditDecision.Refused([new EditRejection("", failure)])
                : policy.Decide(parent, proposal.Patch);
            int? draft = null;
            if (decision.Accepted)
            {
                var published = await services.Definitions.PublishAsync(new PublishRequest(options.Target, decision.Patched!, DefinitionHash.Of(decision.Patched!), by,
                    $"self-edit of {parent.Reference}: {proposal.Rationale}", Draft: true), cancellationToken);
                draft = published.Version.Version;
                drafts.Add(Draft(draft.Value, proposal.Arm, proposal.Rationale, proposal.Patch));
            }
            else (refused, failed) = (refused + 1, failed + (proposal.Failure is null ? 0 : 1));
            await services.Definitions.AppendEditAsync(new EditJournalEntry(options.Target, parentVersion, by, proposal.Patch, decision.Accepted, decision.Rejections, draft,
                proposal.Failure is null ? proposal.Rationale : null, ProposalSlots.Details(step, slot, proposal)), cancellationToken);
            context.Log(Describe(slot, proposal, decision, options.Target, draft));
        }
        return Done(new MetaProposeOutput { Parent = parentVersion, Drafts = drafts, Refused = refused, Failed = failed, EditorVersion = editorVersion });
    }

    /// <summary>
    /// The proposal as it can be journalled: a patch nested past the store's JSON limit could be written but never read
    /// back, leaving the definition's journal unreadable, so such a slot is spent and the patch kept out.
    /// </summary>
    private static EditProposal Journalable(EditProposal proposal) =>
        proposal.Failure is null && Json.JsonTypes.Depth(proposal.Patch) > Parsing.DocumentLimits.MaxDepth
            ? EditProposal.Spent($"the patch nests more than {Parsing.DocumentLimits.MaxDepth} levels deep, past what the edit journal holds", proposal.AnsweredBy, proposal.Usage)
            : proposal;

    private static string Unpublished(MetaProposeOptions options) =>
        $"'{options.Target}' has no {(options.Version > 0 ? $"version {options.Version}" : "published version")} in the store; publish it first";

    private static JsonObject Draft(int version, string arm, string rationale, JsonArray patch) =>
        new() { ["version"] = version, ["arm"] = arm, ["rationale"] = rationale, ["patch"] = patch.DeepClone() };

    private static string Describe(int slot, EditProposal proposal, EditDecision decision, string target, int? draft)
    {
        var model = proposal.AnsweredBy is { } m ? $" ({m})" : "";
        if (proposal.Failure is { } failure) return $"slot {slot}{model}: spent without a patch: {failure}";
        return decision.Accepted
            ? $"slot {slot}{model}: {proposal.Arm}: draft {target}@{draft}"
            : $"slot {slot}{model}: {proposal.Arm}: refused ({string.Join("; ", decision.Rejections)})";
    }

    /// <summary>The moves of <c>current</c> to versions an edit produced, with the meta-gate's gain and p-value when its evidence has them.</summary>
    private async Task<IReadOnlyList<EditAdoption>> AdoptionsAsync(string target, IReadOnlyList<EditRecord> journal, CancellationToken cancellationToken)
    {
        var drafts = journal.Where(e => e.DraftVersion is not null).Select(e => e.DraftVersion!.Value).ToHashSet();
        var moves = await services.Definitions.GetAliasHistoryAsync(target, IDefinitionStore.CurrentAlias, cancellationToken);
        return moves.Where(m => drafts.Contains(m.To))
            .Select(m => new EditAdoption(m.To, m.Reason, Number(m.Evidence?["meanGain"]), Number(m.Evidence?["pValue"])))
            .ToList();
    }

    private static double? Number(JsonNode? node) => Json.JsonTypes.TryGetNumber(node, out var x) ? x : null;
}
