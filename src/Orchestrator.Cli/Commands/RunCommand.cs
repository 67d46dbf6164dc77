using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Validation;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator run FILE|ID[@V]</c>: validates, pins and runs a workflow durably in the store.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var request = new RunRequest(
            "A definition file (a relative workflows/... path missing from the working directory means the shipped file), or a workflow id (ID or ID@VERSION): the store's, else from the workflows folders (see --workflows).",
            "Give the run this id. Starting an existing id again resumes it instead of running twice.");
        var json = new Option<bool>("--json") { Description = "Print one JSON document with the run's result on stdout." };
        var command = new Command("run", "Run a workflow.") { request.Target, request.Inputs, request.Seed, request.RunId, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            if (await request.CheckAsync(parse, host, stores, cancellationToken) is not { } checkedRun)
                return ExitCodes.InvalidInput;
            await using var progress = new StoredProgressObserver(stores.Control);
            var observer = new CompositeRunObserver(new ConsoleRunObserver(), progress, TelemetrySetup.Current.Observer);
            var engine = new WorkflowEngine(stores.Runs, new InProcessStepDispatcher(host.Activities, TimeProvider.System, observer), observer: observer, control: stores.Control);
            var run = await engine.StartAsync(checkedRun.Definition, checkedRun.Catalog, checkedRun.Inputs, request.StartOptions(parse), cancellationToken);
            return RunReport.Print(run, parse.GetValue(json));
        });
        return command;
    }
}
