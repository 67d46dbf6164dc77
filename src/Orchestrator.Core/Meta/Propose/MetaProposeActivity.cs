using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Core.Meta.Propose;

/// <summary>
/// <c>meta/propose</c>: asks an editor (with its learned state) for self-edits of a workflow version, runs each
/// through <see cref="SelfEditPolicy"/>, stores the accepted ones as drafts and journals every proposal. A re-run
/// of the step after a crash finds its journal entries and drafts again instead of adding new ones.
/// </summary>
public sealed class MetaProposeActivity(MetaServices services)
    : Activity<MetaProposeOptions, MetaProposeOutput>("meta/propose", "Asks an editor for self-edits of a workflow version; accepted ones become drafts, every one is journalled.", new MetaProposeOptionsValidator(services.Editors))
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(MetaProposeOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        if (await services.ResolveAsync(options.Target, options.Version, cancellationToken) is not { } parentVersion
            || await services.LoadAsync(options.Target, parentVersion, cancellationToken) is not var (parent, catalog))
            return Failed("unknown-target", $"'{options.Target}' has no {(options.Version > 0 ? $"version {options.Version}" : "published version")} in the store; publish it first");

        services.Editors.TryCreate(options.Editor, out var editor);
        var editorVersion = await EditorStates.LoadAsync(services, editor, options.EditorVersion, cancellationToken);
        var loader = new DefinitionLoader(services.Activities, catalog);
        var policy = new SelfEditPolicy(document => loader.Load(new ParsedDocument($"{parent.Reference} (edited)", document, SourceMap.Empty)).Issues);
        var journal = await services.Definitions.GetEditsAsync(options.Target, cancellationToken);
        var by = $"editor:{editor.Name}@{editorVersion}";

        var drafts = new JsonArray();
        var refused = 0;
        foreach (var proposal in editor.Propose(EditSpace.Of(parent), options.Proposals, context.Random))
        {
            var decision = policy.Decide(parent, proposal.Patch);
            var rationale = $"{proposal.Rationale} [{context.IdempotencyKey}]";
            int? draft = null;
            if (decision.Accepted)
            {
                var published = await services.Definitions.PublishAsync(new PublishRequest(options.Target, decision.Patched!, DefinitionHash.Of(decision.Patched!), by,
                    $"self-edit of {parent.Reference}: {proposal.Rationale}", Draft: true), cancellationToken);
                draft = published.Version.Version;
                drafts.Add(new JsonObject { ["version"] = draft, ["arm"] = proposal.Arm, ["rationale"] = proposal.Rationale, ["patch"] = proposal.Patch.DeepClone() });
            }
            else refused++;
            if (!journal.Any(e => e.Rationale == rationale))
                await services.Definitions.AppendEditAsync(new EditJournalEntry(options.Target, parentVersion, by, proposal.Patch, decision.Accepted, decision.Rejections, draft, rationale), cancellationToken);
            context.Log(decision.Accepted ? $"{proposal.Arm}: draft {options.Target}@{draft}" : $"{proposal.Arm}: refused ({string.Join("; ", decision.Rejections)})");
        }
        return Done(new MetaProposeOutput { Parent = parentVersion, Drafts = drafts, Refused = refused, EditorVersion = editorVersion });
    }
}
