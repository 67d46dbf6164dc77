using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator publish FILE</c>: validates a definition and stores it as the next version (nothing new when the content is unchanged).</summary>
public static class PublishCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The definition file to publish." };
        var reason = new Option<string>("--reason") { Description = "Why this version exists (journalled).", DefaultValueFactory = _ => "published from the command line" };
        var author = new Option<string?>("--author") { Description = "Who publishes it (default: $ORCHESTRATOR_USER or the OS user)." };
        var draft = new Option<bool>("--draft") { Description = "Store it as a draft: runnable as ID@V, but 'current' does not move." };
        var command = new Command("publish", "Validate a workflow or evaluator definition and publish it as the next version of its id; 'current' moves to it. Evaluators (files in an evaluators/ folder) are stored as evaluators/ID.") { file, reason, author, draft };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var path = ShippedContent.Locate(parse.GetValue(file)!);
            if (!WorkflowTarget.IsFile(path)) throw new Core.Engine.RunSetupException($"'{path}' is not a definition file; publish takes a .yaml, .yml or .json file");
            var (publishId, document, hash, issues) = await PublishDocuments.PrepareAsync(host, stores.Definitions, path, cancellationToken);
            if (document is null)
            {
                IssuePrinter.Print(issues);
                return ExitCodes.InvalidInput;
            }
            var request = new PublishRequest(publishId!, document, hash!, parse.GetValue(author) ?? CliHost.User, parse.GetValue(reason)!, parse.GetValue(draft));
            var result = await stores.Definitions.PublishAsync(request, cancellationToken);
            var v = result.Version;
            Console.Out.WriteLine(result switch
            {
                { Created: true } => $"published {v.Reference} ({RunDocuments.Name(v.Status)}, parent {v.ParentVersion?.ToString() ?? "none"}, {v.ContentHash[..19]}…)",
                { PublishedDraft: true } => $"published the draft {v.Reference}; 'current' now points at it",
                _ => $"unchanged: {path} has the same content as {v.Reference}; no new version",
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
