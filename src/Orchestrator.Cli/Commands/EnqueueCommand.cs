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
        var target = new Argument<string>("workflow") { Description = "A definition file or a workflow id (ID or ID@VERSION), as for 'run'." };
        var inputs = new Option<string[]>("--input", "-i") { Description = "An input as name=value; repeatable.", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<long?>("--seed") { Description = "The run's random seed (recorded; default: drawn at random)." };
        var runId = new Option<string?>("--id") { Description = "Give the run this id. Enqueueing an existing id again queues it once." };
        var queue = DistributionOptions.Queue("The queue a worker takes the run from.");
        var json = new Option<bool>("--json") { Description = "Print the run's document on stdout, as 'runs --json' does." };
        var command = new Command("enqueue", "Create a run and queue it for a worker ('orchestrator worker'); 'run' executes in this process instead.")
        {
            target, inputs, seed, runId, queue, json, DistributionOptions.RequeueAfter,
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
            var resolved = await WorkflowTarget.ResolveAsync(host, stores.Definitions, parse.GetValue(target)!, cancellationToken);
            if (resolved.Definition is not { } definition)
            {
                IssuePrinter.Print(resolved.Issues);
                return ExitCodes.InvalidInput;
            }
            var given = RunInputs.FromText(definition, parse.GetValue(inputs) ?? []);
            if (RunPreflight.Check(definition, host.Activities, RunInputs.Resolve(definition, given)) is { Count: > 0 } problems)
            {
                IssuePrinter.Print(problems);
                return ExitCodes.InvalidInput;
            }

            var services = DistributionHost.Services(host, stores, settings!, DistributionHost.CommandName);
            var creation = await new RunEnqueuer(services).EnqueueAsync(definition, resolved.Catalog, given,
                new RunStartOptions { RunId = parse.GetValue(runId), Seed = parse.GetValue(seed) }, queueName, null, cancellationToken);
            var run = creation.Run;
            if (services.SharedStorage && QueueServers.Serving(services.Storage, queueName, DateTimeOffset.UtcNow).Count == 0)
                Console.Error.WriteLine($"warning: no live worker serves queue '{queueName}'; the run waits until one does ('orchestrator worker --queues {queueName}')");
            Console.Error.WriteLine(creation.Created
                ? $"queued run {run.Id}: {run.WorkflowId}@{run.WorkflowVersion} (seed {run.Seed}) on queue {queueName}"
                : $"run {run.Id} exists already ({RunJson.Name(run.Status)}){(run.Status == RunStatus.Queued ? "; queued it again" : "; nothing queued")}");
            if (parse.GetValue(json)) RunJson.Print(RunJson.Summary(run));
            else Console.Out.WriteLine(run.Id);
            return ExitCodes.Success;
        });
        return command;
    }
}
