using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator show RUN</c>: a run's inputs, state, output or error, and its step journal. For a person by
/// default (indented JSON, numbers rounded for reading, lists of records as tables); <c>--json</c> gives every digit.
/// </summary>
public static class ShowCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("run") { Description = "The run id." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var command = new Command("show", "Show a run: steps, outputs, timings and errors.") { runId, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var id = parse.GetValue(runId)!;
            var run = await stores.Runs.FindRunAsync(id, cancellationToken)
                ?? throw new RunSetupException($"no run '{id}' in {stores.Location}; 'orchestrator runs' lists them");
            var steps = await stores.Runs.GetStepsAsync(id, cancellationToken);
            if (parse.GetValue(json))
            {
                var document = RunDocuments.Run(run);
                document["steps"] = new JsonArray(steps.Select(s => (JsonNode)RunDocuments.Step(s)).ToArray());
                RunJson.Print(document);
                return ExitCodes.Success;
            }
            RedirectedWidth.Apply();
            AnsiConsole.MarkupLine($"run [bold]{Markup.Escape(run.Id)}[/]  {Markup.Escape($"{run.WorkflowId}@{run.WorkflowVersion}")}  {StatusMarkup.Of(run.Status)}  seed {run.Seed}");
            AnsiConsole.MarkupLine($"definition {Markup.Escape(run.DefinitionHash)}");
            JsonSection.Print("inputs", run.Inputs);
            JsonSection.Print("state", run.State);
            if (run.Output is not null) JsonSection.Print("output", run.Output);
            if (run.Error is not null) AnsiConsole.MarkupLine($"[red]error[/]  {Markup.Escape(run.Error.ToString())}");
            var table = new Table { Title = new TableTitle("steps") }.AddColumns("step", "kind", "status", "attempts", "took", "output / error");
            foreach (var step in steps)
            {
                var took = step is { FirstStartedAt: { } start, EndedAt: { } end } ? $"{(end - start).TotalMilliseconds:0} ms" : "-";
                var detail = step.Error is { } e ? $"[{e.Type}] {e.Message}" : step.Output is { } output ? DisplayJson.Compact(output) : "";
                table.AddRow(Markup.Escape(step.Key), Markup.Escape(step.Kind), StatusMarkup.Of(step.Status), step.Attempts.ToString(), took, Markup.Escape(Shorten(detail)));
            }
            OutputTables.Write(table);
            return run.Status == RunStatus.Failed ? ExitCodes.RunFailed : ExitCodes.Success;
        });
        return command;
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..97] + "...";
}
