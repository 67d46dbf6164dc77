using System.CommandLine;
using Orchestrator.Cli.Distribution;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Hangfire.Children;
using Orchestrator.Hangfire.Storage;
using Orchestrator.Hangfire.Workers;
using Orchestrator.Learning.Training;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator worker</c>: a Hangfire server executing runs, queued steps and schedule fires until Ctrl+C or SIGTERM.</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var queues = new Option<string>("--queues") { Description = "The queues to serve, comma-separated, in priority order.", DefaultValueFactory = _ => "default" };
        var concurrency = new Option<int>("--concurrency") { Description = "Jobs at once (runs, steps and fires alike). Default: half the processors, at least 1.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount / 2) };
        var threads = new Option<int?>("--training-threads") { Description = "CPU threads each job trains and samples on. Default: the processors shared out over --concurrency, at least 1." };
        var name = new Option<string?>("--name") { Description = "The worker's name in journals and Hangfire's server list. Default: host:pid." };
        var command = new Command("worker", "Serve queues: execute enqueued runs, queued steps and scheduled fires, until Ctrl+C or SIGTERM (runs stop at a step boundary and are picked up again).")
        {
            queues, concurrency, threads, name, DistributionOptions.RequeueAfter,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var served = parse.GetValue(queues)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var problems = served.Select(q => DistributionOptions.CheckQueue(q, "--queues")).OfType<string>().ToList();
            if (served.Length == 0) problems.Add("--queues names no queue; e.g. --queues default,train");
            if (parse.GetValue(concurrency) is < 1 or > 256) problems.Add($"--concurrency {parse.GetValue(concurrency)} is out of range; give 1 to 256");
            var perJob = parse.GetValue(threads) ?? Math.Max(1, Environment.ProcessorCount / Math.Max(1, parse.GetValue(concurrency)));
            if (perJob is < 1 or > 256) problems.Add($"--training-threads {perJob} is out of range; give 1 to 256");
            var settings = DistributionOptions.Settings(parse, out var settingsError);
            if (settingsError is not null) problems.Add(settingsError);
            if (problems.Count > 0)
            {
                foreach (var problem in problems) Console.Error.WriteLine($"error: {problem}");
                return ExitCodes.InvalidInput;
            }

            // Jobs at once share the cores: each trains with its share, not one thread per core each.
            ComputeThreads.Limit(perJob);
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var options = new WorkerOptions
            {
                Name = parse.GetValue(name) ?? $"{Environment.MachineName}:{Environment.ProcessId}",
                Queues = served,
                Concurrency = parse.GetValue(concurrency),
            };
            await using var progress = new StoredProgressObserver(stores.Control);
            var services = DistributionHost.Services(host, stores, settings!, options.Name, new CompositeRunObserver(new ConsoleRunObserver(namesRuns: true), progress));
            // A trial of the outer loop run here queues its runs, so every worker takes some.
            host.Meta.UseChildRuns(new QueuedChildRunLauncher(services));
            var transport = services.SharedStorage
                ? $"Hangfire on PostgreSQL (schema {HangfireSettings.PostgresSchema}; a killed worker's job is taken again after {settings!.RequeueAfter.TotalSeconds:0} s)"
                : "Hangfire in memory, fed from the store (this machine only)";
            Console.Error.WriteLine($"worker {options.Name}: store {stores.Location}, queues {string.Join(",", served)}, concurrency {options.Concurrency}, training on {perJob} thread{(perJob == 1 ? "" : "s")} per job, {transport}; Ctrl+C stops at a step boundary");
            await WorkerHost.RunAsync(services, options, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
