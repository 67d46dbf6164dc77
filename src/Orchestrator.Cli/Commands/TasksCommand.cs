using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator tasks</c>: the task families plugins provide, with an example item of each.</summary>
public static class TasksCommand
{
    public static Command Create()
    {
        var command = new Command("tasks", "List the task families (generators and exact checkers) that plugins provide.");
        command.SetAction(parse =>
        {
            var host = CliHost.From(parse);
            var table = new Table().AddColumns("task", "description", "example (length 3)", "from");
            foreach (var task in host.Tasks.All)
            {
                var example = task.Generate(new Random(1), Math.Max(3, task.MinLength));
                table.AddRow(Markup.Escape(task.Name), Markup.Escape(task.Description), Markup.Escape($"{example.Prompt} {example.Answer}"), Markup.Escape(host.Tasks.SourceOf(task.Name)));
            }
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
