using Orchestrator.Core.Activities;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Core.Meta.Adopt;

/// <summary>
/// <c>meta/adopt</c>: publishes a confirmed draft, so <c>current</c> — the version runs by id use — moves to it, with
/// the trial evidence in the alias journal. Publishing the same draft again changes nothing, so a re-run after a
/// crash is harmless. Only validated drafts exist (meta/propose stores nothing else). An evaluator draft
/// (<c>evaluators/ID</c>) is adopted the same way: its <c>current</c> is what <c>evaluate</c> uses for the plain ID.
/// </summary>
public sealed class AdoptActivity(MetaServices services)
    : Activity<AdoptOptions, AdoptOutput>("meta/adopt", "Publishes a confirmed draft as the current version of its workflow or evaluator, journalling the evidence.", new AdoptOptionsValidator())
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(AdoptOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        if (await services.Definitions.GetAsync(options.Target, options.Version, cancellationToken) is not { } draft)
            return Failed("unknown-version", $"'{options.Target}' has no version {options.Version}");
        var previous = await services.Definitions.GetAliasAsync(options.Target, IDefinitionStore.CurrentAlias, cancellationToken);
        if (previous == options.Version) return Done(new AdoptOutput { Current = options.Version, Previous = previous });
        await services.Definitions.PublishAsync(new PublishRequest(options.Target, draft.Document, draft.ContentHash, $"run {context.IdempotencyKey}", options.Reason, Evidence: options.Evidence), cancellationToken);
        context.Log($"{options.Target}: current {previous} -> {options.Version} ({options.Reason})");
        return Done(new AdoptOutput { Current = options.Version, Previous = previous });
    }
}
