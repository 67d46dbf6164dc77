using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// Runs one arm for one seed as an ordinary durable run in a store of its own (kept, so every number can be
/// traced back to its journal), stopping it at a step boundary when the wall-clock budget is spent.
/// </summary>
public sealed class ArmRunner(CliHost host, WorkflowDefinition definition, IDefinitionCatalog catalog, string outputFolder)
{
    public async Task<IReadOnlyList<RoundPoint>> RunAsync(BenchArm arm, long seed, JsonObject inputs, TimeSpan? budget, CancellationToken cancellationToken)
    {
        var storeFolder = Path.Combine(outputFolder, "stores", $"{arm.Name}-s{seed}");
        if (Directory.Exists(storeFolder)) Directory.Delete(storeFolder, recursive: true);
        using var stores = Storage.StoreFactory.Open(storeFolder);
        host.Loop.Attach(stores.Artifacts, stores.Models, Path.Combine(storeFolder, "scratch"));

        var given = (JsonObject)inputs.DeepClone();
        foreach (var (name, value) in arm.Inputs) given[name] = value?.DeepClone();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (budget is { } limit) stop.CancelAfter(limit);

        var observer = new ConsoleRunObserver();
        var engine = new WorkflowEngine(stores.Runs, new InProcessStepDispatcher(host.Activities, TimeProvider.System, observer), observer: observer);
        // At the budget the engine stops at the next step boundary and records the run as cancelled; its journal keeps every finished round.
        var run = await engine.StartAsync(definition, catalog, given, new RunStartOptions { Seed = seed, RunId = $"bench-{arm.Name}-s{seed}" }, stop.Token);
        cancellationToken.ThrowIfCancellationRequested();
        var steps = await stores.Runs.GetStepsAsync(run.Id, CancellationToken.None);
        Console.Error.WriteLine($"bench: {arm.Name} seed {seed}: run {run.Id} {run.Status} after {(run.UpdatedAt - run.CreatedAt).TotalMinutes:0.0} min{(run.Error is { } error ? $": {error}" : "")}");
        return ArmJournal.Read(arm.Name, run, steps);
    }
}
