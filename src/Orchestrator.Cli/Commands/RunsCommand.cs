using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator runs</c>: the store's runs, newest first.</summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "How many runs to list.", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var command = new Command("runs", "List runs, newest first.") { limit, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var runs = await stores.Runs.ListRunsAsync(parse.GetValue(limit), cancellationToken);
            if (parse.GetValue(json))
            {
                RunJson.Print(new JsonArray(runs.Select(r => (JsonNode)RunDocuments.Summary(r)).ToArray()));
                return ExitCodes.Success;
            }
            if (runs.Count == 0)
            {
                Console.Out.WriteLine($"no runs in {stores.Location}");
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("run", "workflow", "status", "steps", "position", "created (UTC)", "updated (UTC)");
            foreach (var run in runs)
                table.AddRow(Markup.Escape(run.Id), Markup.Escape($"{run.WorkflowId}@{run.WorkflowVersion}"), StatusMarkup.Of(run.Status),
                    run.StepsCommitted.ToString(), Markup.Escape(run.Position ?? "-"), run.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss"), run.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss"));
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
