using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Control;
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
            await using var progress = new StoredProgressObserver(stores.Control);
            var observer = new CompositeRunObserver(new ConsoleRunObserver(), progress, TelemetrySetup.Current.Observer);
            var engine = new WorkflowEngine(stores.Runs, new InProcessStepDispatcher(host.Activities, TimeProvider.System, observer), observer: observer, control: stores.Control);
            var run = await engine.ResumeAsync(parse.GetValue(runId)!, cancellationToken);
            return RunReport.Print(run, parse.GetValue(json));
        });
        return command;
    }
}
