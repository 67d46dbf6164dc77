using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator validate FILE...</c>: every check a run would make, without running; exit 2 when any file is invalid.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Definition files (YAML or JSON), or workflow ids (ID or ID@VERSION) from the store or the workflows folders.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check workflow definitions: syntax, structure, activities and their inputs, references, bounds.") { files };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            // Validating reads a store only if there is one: it never creates a store folder as a side effect.
            using var stores = host.StoreExists ? host.OpenStores() : null;
            var invalid = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var result = await WorkflowTarget.ResolveAsync(host, stores?.Definitions, file, cancellationToken);
                if (result.Definition is not null)
                {
                    Console.Out.WriteLine($"ok    {file}  ({result.Definition!.Reference}, {result.Definition.AllSteps().Count()} steps)");
                    continue;
                }
                invalid++;
                Console.Out.WriteLine($"FAIL  {file}  ({result.Issues.Count} problem{(result.Issues.Count == 1 ? "" : "s")})");
                IssuePrinter.Print(result.Issues);
            }
            return invalid == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }
}
