using System.CommandLine;
using Orchestrator.Cli.Bench;
using Orchestrator.Cli.Hosting;

namespace Orchestrator.Cli.Commands.Bench;

/// <summary>
/// <c>orchestrator bench figure</c>: the benches' CSVs on one figure, frontier against wall-clock minutes for each
/// suite and arm, with the summary table on stdout for the docs. Runs nothing; it reads what the benches wrote.
/// </summary>
public static class FigureCommand
{
    public const string DefaultTitle = "Frontier against wall-clock minutes";

    public static Command Create()
    {
        var csv = new Option<string[]>("--csv") { Description = "Bench CSVs to draw, as path or suite=path (the file name is the suite otherwise); repeatable.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "The PNG to write.", DefaultValueFactory = _ => "docs/bench/reach.png" };
        var title = new Option<string>("--title") { Description = "The figure's title.", DefaultValueFactory = _ => DefaultTitle };
        var arms = new Option<string[]>("--arms") { Description = "Arms to draw, as arm or suite/arm; all when not given.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("figure", "Draw bench CSVs on one figure (frontier against wall-clock minutes per suite and arm) and print a summary table.")
            { csv, output, title, arms };
        command.SetAction(parse =>
        {
            var png = parse.GetValue(output)!;
            var table = ReachComparison.Write(parse.GetValue(csv)!.Select(ReachComparison.Source.Parse).ToList(), parse.GetValue(arms) ?? [], png, parse.GetValue(title)!);
            Console.Out.WriteLine(table);
            Console.Error.WriteLine($"bench figure: wrote {Path.GetFullPath(png)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
