using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Registry;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator promote NAME@V --alias A --reason R</c>: points a model alias at a version, journalled.</summary>
public static class PromoteCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("model") { Description = "NAME@VERSION." };
        var alias = new Option<string>("--alias") { Description = "The alias to move, e.g. champion.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (journalled).", Required = true };
        var evidence = new Option<string?>("--evidence") { Description = "Gate evidence as a JSON object (journalled)." };
        var command = new Command("promote", "Point a model alias at a version; the move is journalled with its reason and evidence.") { reference, alias, reason, evidence };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var text = parse.GetValue(reference)!;
            var at = text.LastIndexOf('@');
            if (at <= 0 || !int.TryParse(text[(at + 1)..], out _))
                throw new RunSetupException($"'{text}' is not NAME@VERSION; promote takes an exact version, e.g. addition@3");
            var model = await ModelReference.ResolveAsync(stores.Models, text, cancellationToken);
            JsonObject? proof = null;
            if (parse.GetValue(evidence) is { } json)
            {
                try
                {
                    proof = JsonNode.Parse(json) as JsonObject ?? throw new RunSetupException("--evidence must be a JSON object");
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw new RunSetupException($"--evidence is not valid JSON: {e.Message}");
                }
            }
            var move = await stores.Models.MoveAliasAsync(new AliasMoveRequest(model.Name, parse.GetValue(alias)!, model.Version, CliHost.User, parse.GetValue(reason)!, proof), cancellationToken);
            Console.Out.WriteLine($"moved {AliasJson.Describe(move)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
