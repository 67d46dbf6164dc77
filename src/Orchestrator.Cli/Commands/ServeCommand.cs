using System.CommandLine;
using Orchestrator.AI.Chat;
using Orchestrator.Cli.Distribution;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Serving;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Hangfire.Storage;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator serve</c>: the HTTP API and the dashboard over the store, on loopback unless an API key exists.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, ';'-separated. Another address than loopback needs an API key to exist.", DefaultValueFactory = _ => ServerOptions.DefaultUrls };
        var command = new Command("serve", "Serve the dashboard and the HTTP API over the store until Ctrl+C; runs started through it execute in this process.") { urls };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var activeKeys = (await stores.Keys.ListKeysAsync(cancellationToken)).Count(k => !k.IsRevoked);
            var addresses = parse.GetValue(urls)!;
            if (ListenGuard.Check(addresses, activeKeys) is { } problem)
            {
                Console.Error.WriteLine($"error: {problem}");
                return ExitCodes.InvalidInput;
            }
            // Disposed after the runs it reports on (in reverse order), so their last progress is written.
            await using var progress = new StoredProgressObserver(stores.Control);
            await using var background = new BackgroundRuns();
            var jobs = DistributionHost.Storage(host, stores, new HangfireSettings());
            // Workers share Hangfire's storage only on PostgreSQL; there its dashboard is served at /hangfire.
            var shared = HangfireStorageFactory.IsShared(host.StoreLocation) ? jobs : null;
            // The registry's models answer /v1 in this process: each checkpoint loaded once, the least recently used unloaded beyond a few.
            await using var served = new ServedModels(host.Learning);
            var serverHost = new ServerHost(new CliRunLauncher(host, stores, background, jobs, progress), new CliDefinitionPublisher(host, stores), new CliScheduleManager(host, stores, jobs), shared,
                new CliChatModels(new ChatModelCatalog(served)));
            await using var server = await OrchestratorServer.StartAsync(stores, new ServerOptions { Urls = addresses }, serverHost, cancellationToken);
            Console.Error.WriteLine($"serving {stores.Location} on {string.Join(", ", server.Urls)} ({activeKeys} active API key{(activeKeys == 1 ? "" : "s")}; every /api and /v1 route needs one: 'orchestrator keys create --role viewer'); Ctrl+C stops");
            await server.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
