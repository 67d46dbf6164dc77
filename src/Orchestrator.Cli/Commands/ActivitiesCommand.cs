using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Activities;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator activities</c>: every activity this host knows, with its inputs and outputs.</summary>
public static class ActivitiesCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var command = new Command("activities", "List the activities (built-in and from plugins) with their inputs and outputs.") { json };
        command.SetAction(parse =>
        {
            var host = CliHost.From(parse);
            if (parse.GetValue(json))
            {
                RunJson.Print(new JsonArray(host.Activities.All.Select(a => (JsonNode)Describe(a, host.Activities.SourceOf(a.Descriptor.Type))).ToArray()));
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("activity", "inputs", "outputs", "from").ShowRowSeparators();
            foreach (var activity in host.Activities.All)
            {
                var d = activity.Descriptor;
                table.AddRow(
                    new Markup($"[bold]{Markup.Escape(d.Type)}[/]\n{Markup.Escape(d.Description)}"),
                    new Markup(Markup.Escape(string.Join("\n", d.Inputs.Select(Field)))),
                    new Markup(Markup.Escape(string.Join("\n", d.Outputs.Select(Field)))),
                    new Markup(Markup.Escape(host.Activities.SourceOf(d.Type))));
            }
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Field(ActivityField f) =>
        $"{f.Name}: {f.Type.ToString().ToLowerInvariant()}{(f.Required ? " (required)" : f.Default is null ? "" : $" = {f.Default.ToJsonString()}")} - {f.Description}";

    private static JsonObject Describe(IActivity activity, string source)
    {
        static JsonArray Fields(IEnumerable<ActivityField> fields) => new(fields.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Name,
            ["type"] = f.Type.ToString().ToLowerInvariant(),
            ["required"] = f.Required,
            ["default"] = f.Default?.DeepClone(),
            ["description"] = f.Description,
        }).ToArray());
        return new JsonObject
        {
            ["type"] = activity.Descriptor.Type,
            ["description"] = activity.Descriptor.Description,
            ["inputs"] = Fields(activity.Descriptor.Inputs),
            ["outputs"] = Fields(activity.Descriptor.Outputs),
            ["source"] = source,
        };
    }
}
