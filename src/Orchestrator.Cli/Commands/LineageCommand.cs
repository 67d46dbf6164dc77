using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Versioning;
using Orchestrator.Cli.Output;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator lineage workflow ID</c>: the chain of procedure versions behind a workflow's current version,
/// oldest first, each with who made it (a person or an editor), the self-edit that made it, and the gain the
/// meta-gate measured when it was adopted.
/// </summary>
public static class LineageCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The workflow id." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var workflow = new Command("workflow", "The chain of versions behind a workflow's current version, with the gain each adopted edit brought.") { id, json };
        workflow.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var definitionId = parse.GetValue(id)!;
            var (current, rows) = await WorkflowLineage.BuildAsync(stores.Definitions, definitionId, null, cancellationToken);
            if (parse.GetValue(json))
            {
                RunJson.Print(new JsonObject { ["id"] = definitionId, ["current"] = current, ["chain"] = new JsonArray([.. rows]) });
                return ExitCodes.Success;
            }
            // The reasons are long sentences; the table keeps to the numbers and --json has everything.
            var table = new Table().AddColumns("version", "parent", "by", "edit", "gain (frontier / TFLOP or / 1k steps)", "p");
            foreach (var row in rows)
                table.AddRow(row["version"]!.ToString(), row["parent"]?.ToString() ?? "-", Markup.Escape(row["author"]!.ToString()),
                    Markup.Escape(WorkflowLineage.Describe(row["edit"] as JsonArray)), row["gain"]?.ToString() ?? "-", row["pValue"]?.ToString() ?? "-");
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        var command = new Command("lineage", "Where versions came from.");
        command.Subcommands.Add(workflow);
        return command;
    }
}
