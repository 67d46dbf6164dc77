using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Scheduling;
using Orchestrator.Hangfire.Scheduling;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator schedules</c>: each schedule with its cron, next fire, and last run with its status.</summary>
public static class SchedulesCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var command = new Command("schedules", "List schedules: cron, next fire, last run and its status.") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var now = DateTimeOffset.UtcNow;
            var rows = await ScheduleDocuments.ListAsync(stores, now, cancellationToken);
            if (parse.GetValue(json))
            {
                RunJson.Print(new JsonArray([.. rows]));
                return ExitCodes.Success;
            }
            if (rows.Count == 0)
            {
                Console.Out.WriteLine($"no schedules in {stores.Location}; 'orchestrator schedule WORKFLOW --cron \"0 2 * * *\"' makes one");
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("schedule", "workflow", "cron", "next fire (UTC)", "queue", "overlap", "last run", "status");
            foreach (var row in rows)
                table.AddRow(Markup.Escape((string)row["name"]!), Markup.Escape($"{row["workflow"]}{(row["version"] is { } v ? "@" + v : "")}"),
                    Markup.Escape($"{row["cron"]} ({row["timeZone"]})"), Format(row["nextFire"]?.GetValue<DateTimeOffset>()), (string)row["queue"]!, (string)row["overlap"]!,
                    Markup.Escape((string?)row["lastRun"] ?? "-"), (string?)row["lastRunStatus"] ?? "-");
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    public static string Name(OverlapPolicy policy) => ScheduleDocuments.Name(policy);

    public static string Format(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") + " UTC" : "never";
}
