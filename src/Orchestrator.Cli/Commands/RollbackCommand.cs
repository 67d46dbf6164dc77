using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator rollback ID --to V</c> moves a workflow's <c>current</c> back to version V;
/// <c>orchestrator rollback NAME --alias A</c> moves a model's alias back to its previous holder.
/// Both are journalled moves; nothing is deleted.
/// </summary>
public static class RollbackCommand
{
    public static Command Create()
    {
        var subject = new Argument<string>("subject") { Description = "A workflow id (with --to) or a model name (with --alias)." };
        var to = new Option<int?>("--to") { Description = "Workflow rollback: the version 'current' moves to." };
        var alias = new Option<string?>("--alias") { Description = "Model rollback: the alias to move back to its previous holder." };
        var reason = new Option<string>("--reason") { Description = "Why (journalled).", DefaultValueFactory = _ => "rollback from the command line" };
        var command = new Command("rollback", "Move a workflow's 'current' back to a version (--to), or a model alias back to its previous holder (--alias).") { subject, to, alias, reason };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var name = parse.GetValue(subject)!;
            var why = parse.GetValue(reason)!;
            AliasMove move;
            switch (parse.GetValue(to), parse.GetValue(alias))
            {
                case ({ } version, null):
                    var holder = await stores.Definitions.GetAliasAsync(name, IDefinitionStore.CurrentAlias, cancellationToken);
                    move = await stores.Definitions.MoveAliasAsync(new AliasMoveRequest(name, IDefinitionStore.CurrentAlias, version, CliHost.User, why, ExpectedFrom: holder ?? 0), cancellationToken);
                    break;
                case (null, { } aliasName):
                    var history = await stores.Models.GetAliasHistoryAsync(name, aliasName, cancellationToken);
                    if (history.Count == 0) throw new RunSetupException($"model '{name}' has no journal for alias '{aliasName}'; nothing to roll back");
                    if (history[^1].From is not { } previous) throw new RunSetupException($"alias '{aliasName}' of '{name}' has had only one holder ({history[^1].To}); there is nothing earlier to roll back to");
                    move = await stores.Models.MoveAliasAsync(new AliasMoveRequest(name, aliasName, previous, CliHost.User, why, ExpectedFrom: history[^1].To), cancellationToken);
                    break;
                default:
                    throw new RunSetupException("give exactly one of --to VERSION (a workflow) or --alias NAME (a model)");
            }
            Console.Out.WriteLine($"moved {AliasJson.Describe(move)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
