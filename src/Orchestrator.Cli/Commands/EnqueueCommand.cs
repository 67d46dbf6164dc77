using System.CommandLine;
using Orchestrator.Cli.Distribution;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Validation;
using Orchestrator.Hangfire.Enqueueing;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator enqueue</c>: creates a run (validated, pinned) and queues it for a worker.</summary>
public static class EnqueueCommand
{
    public static Command Create()
    {
        var request = new RunRequest("A definition file or a workflow id (ID or ID@VERSION), as for 'run'.",
            "Give the run this id. Enqueueing an existing id again queues it once.");
        var queue = DistributionOptions.Queue("The queue a worker takes the run from.");
        var json = new Option<bool>("--json") { Description = "Print the run's document on stdout, as 'runs --json' does." };
        var command = new Command("enqueue", "Create a run and queue it for a worker ('orchestrator worker'); 'run' executes in this process instead.")
        {
            request.Target, request.Inputs, request.Seed, request.RunId, queue, json, DistributionOptions.RequeueAfter,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var queueName = parse.GetValue(queue)!;
            var settings = DistributionOptions.Settings(parse, out var settingsError);
            if ((DistributionOptions.CheckQueue(queueName) ?? settingsError) is { } problem)
            {
                Console.Error.WriteLine($"error: {problem}");
                return ExitCodes.InvalidInput;
            }
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            if (await request.CheckAsync(parse, host, stores, cancellationToken) is not { } checkedRun)
                return ExitCodes.InvalidInput;

            var services = DistributionHost.Services(host, stores, settings!, DistributionHost.CommandName);
            var creation = await new RunEnqueuer(services).EnqueueAsync(checkedRun.Definition, checkedRun.Catalog, checkedRun.Inputs,
                request.StartOptions(parse), queueName, null, cancellationToken);
            var run = creation.Run;
            if (services.SharedStorage && QueueServers.Serving(services.Storage, queueName, DateTimeOffset.UtcNow).Count == 0)
                Console.Error.WriteLine($"warning: no live worker serves queue '{queueName}'; the run waits until one does ('orchestrator worker --queues {queueName}')");
            Console.Error.WriteLine(creation.Created
                ? $"queued run {run.Id}: {run.WorkflowId}@{run.WorkflowVersion} (seed {run.Seed}) on queue {queueName}"
                : $"run {run.Id} exists already ({RunDocuments.Name(run.Status)}){(run.Status == RunStatus.Queued ? "; queued it again" : "; nothing queued")}");
            if (parse.GetValue(json)) RunJson.Print(RunDocuments.Summary(run));
            else Console.Out.WriteLine(run.Id);
            return ExitCodes.Success;
        });
        return command;
    }
}
