using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator resume RUN</c>: continues a crashed, cancelled or failed run from its last committed step.</summary>
public static class ResumeCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("run") { Description = "The run id ('orchestrator runs' lists them)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document with the run's result on stdout." };
        var command = new Command("resume", "Continue a run from its last committed step; committed steps are not run again.") { runId, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var observer = new CompositeRunObserver(new ConsoleRunObserver(), TelemetrySetup.Current.Observer);
            var engine = new WorkflowEngine(stores.Runs, new InProcessStepDispatcher(host.Activities, TimeProvider.System, observer), observer: observer);
            var run = await engine.ResumeAsync(parse.GetValue(runId)!, cancellationToken);
            return RunReport.Print(run, parse.GetValue(json));
        });
        return command;
    }
}
