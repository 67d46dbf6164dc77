using Orchestrator.Core.Activities;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Registry;

namespace Orchestrator.Core.Loop.Promote;

/// <summary>
/// <c>registry/promote</c>: moves a model alias to a version, journalled with the evidence. Exactly once: the move
/// is made in this step's name, so a step re-run after a crash (moved, but not yet committed) finds its own move
/// in the journal and reports it instead of moving again.
/// </summary>
public sealed class PromoteActivity(LoopServices services)
    : Activity<PromoteOptions, PromoteOutput>("registry/promote", "Moves a model alias (e.g. champion) to a version, journalled with the evidence.", new PromoteOptionsValidator())
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(PromoteOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var models = services.Models;
        ModelVersion version;
        try
        {
            version = await ModelReference.ResolveAsync(models, options.Model, cancellationToken);
        }
        catch (KeyNotFoundException e)
        {
            return Failed("unknown-model", e.Message);
        }

        var by = "run " + context.IdempotencyKey;
        var history = await models.GetAliasHistoryAsync(version.Name, options.Alias, cancellationToken);
        if (history.LastOrDefault(m => m.By == by) is { } earlier)
        {
            context.Log($"{options.Alias} was already moved to {version.Reference} by this step (journal #{earlier.Sequence}); not moving again");
            return Done(Output(earlier, version.Name));
        }

        try
        {
            var move = await models.MoveAliasAsync(new AliasMoveRequest(version.Name, options.Alias, version.Version, by, options.Reason, options.Evidence, options.ExpectedFrom), cancellationToken);
            context.Log($"{version.Name}@{options.Alias}: {(move.From is { } from ? $"{from} -> " : "")}{move.To}");
            return Done(Output(move, version.Name));
        }
        catch (AliasConflictException e)
        {
            return Failed("alias-conflict", e.Message);
        }
    }

    private static PromoteOutput Output(AliasMove move, string name) =>
        new() { Name = name, Alias = move.Alias, From = move.From, To = move.To, Model = $"{name}@{move.To}", Sequence = move.Sequence };
}
