using System.CommandLine;
using Orchestrator.Cli.Commands;
using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Engine;
using Orchestrator.Storage;

var root = new RootCommand("orchestrator: declarative, durable workflows for self-improvement loops.");
GlobalOptions.AddTo(root);
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ResumeCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
root.Subcommands.Add(ShowCommand.Create());
root.Subcommands.Add(ActivitiesCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("run 'orchestrator --help' for usage");
    return ExitCodes.InvalidInput;
}

try
{
    // Our own handlers below turn setup errors into exit code 2; the default handler would print a stack trace and exit 1.
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (RunSetupException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return ExitCodes.InvalidInput;
}
catch (StoreOpenException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return ExitCodes.InvalidInput;
}
