using Hangfire;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Hangfire.Storage;
using Orchestrator.Hangfire.Workers;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Distribution;

/// <summary>
/// The services of the distribution commands over the open store: our stores and activities, and Hangfire's storage for
/// the same location (its own schema of the store's PostgreSQL database, or a worker's memory on the embedded store).
/// </summary>
public static class DistributionHost
{
    public static JobServices Services(CliHost host, OrchestratorStores stores, HangfireSettings settings, string name, Core.Engine.IRunObserver? observer = null) =>
        Services(host, stores, Storage(host, stores, settings), name, observer);

    /// <summary>Hangfire's storage for the store: its schema in the same PostgreSQL database, or memory on the embedded store.</summary>
    public static JobStorage Storage(CliHost host, OrchestratorStores stores, HangfireSettings settings)
    {
        try
        {
            return HangfireStorageFactory.Create(host.StoreLocation, settings);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new StoreOpenException(stores.Location, $"Hangfire's storage in {stores.Location} (schema {HangfireSettings.PostgresSchema}) cannot be opened: {e.Message}");
        }
    }

    /// <summary>The services over a Hangfire storage made once by a long-lived host (<c>serve</c>), rather than per call.</summary>
    public static JobServices Services(CliHost host, OrchestratorStores stores, JobStorage storage, string name, Core.Engine.IRunObserver? observer = null) =>
        new()
        {
            Runs = stores.Runs,
            Dispatches = stores.Dispatch,
            Schedules = stores.Schedules,
            Activities = host.Activities,
            Workflows = new CliWorkflowResolver(host, stores.Definitions),
            Storage = storage,
            SharedStorage = HangfireStorageFactory.IsShared(host.StoreLocation),
            Observer = observer ?? new Core.Engine.CompositeRunObserver(new ConsoleRunObserver(namesRuns: true), TelemetrySetup.Current.Observer),
            Control = stores.Control,
            Name = name,
        };

    /// <summary>Who a command acts as in journals: the operator for commands, the worker's name for workers.</summary>
    public static string CommandName => "cli:" + CliHost.User;
}
