using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Validation;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator run FILE|ID[@V]</c>: validates, pins and runs a workflow durably in the store.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("workflow") { Description = "A definition file (a relative workflows/... path missing from the working directory means the shipped file), or a workflow id (ID or ID@VERSION): the store's, else from the workflows folders (see --workflows)." };
        var inputs = new Option<string[]>("--input", "-i") { Description = "An input as name=value; repeatable.", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<long?>("--seed") { Description = "The run's random seed (recorded; default: drawn at random)." };
        var runId = new Option<string?>("--id") { Description = "Give the run this id. Starting an existing id again resumes it instead of running twice." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document with the run's result on stdout." };
        var command = new Command("run", "Run a workflow.") { target, inputs, seed, runId, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var resolved = await WorkflowTarget.ResolveAsync(host, stores.Definitions, parse.GetValue(target)!, cancellationToken);
            if (resolved.Definition is not { } definition)
            {
                IssuePrinter.Print(resolved.Issues);
                return ExitCodes.InvalidInput;
            }
            var observer = new ConsoleRunObserver();
            var engine = new WorkflowEngine(stores.Runs, new InProcessStepDispatcher(host.Activities, TimeProvider.System, observer), observer: observer);
            var given = RunInputs.FromText(definition, parse.GetValue(inputs) ?? []);
            if (RunPreflight.Check(definition, host.Activities, RunInputs.Resolve(definition, given)) is { Count: > 0 } problems)
            {
                IssuePrinter.Print(problems);
                return ExitCodes.InvalidInput;
            }
            var run = await engine.StartAsync(definition, resolved.Catalog, given,
                new RunStartOptions { RunId = parse.GetValue(runId), Seed = parse.GetValue(seed) }, cancellationToken);
            return RunReport.Print(run, parse.GetValue(json));
        });
        return command;
    }
}
