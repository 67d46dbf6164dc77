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
/// traced back to its journal), stopping it at a step boundary when the wall-clock budget is spent. Round 0 is the
/// same for every arm of a seed, so it is trained once, in a base store that each arm's store starts as a copy of;
/// its wall time counts against every arm's budget. Given a shared base seed, one round 0 trained with that seed
/// starts every seed, so runs differ only in the procedure's own randomness (as meta-improve's trials do).
/// </summary>
public sealed class ArmRunner(CliHost host, WorkflowDefinition definition, IDefinitionCatalog catalog, string outputFolder, long? sharedBaseSeed = null)
{
    private readonly Dictionary<long, double> _baseSeconds = [];

    /// <summary>Runs <paramref name="arm"/> for <paramref name="seed"/> within <paramref name="budget"/> and reads its rounds back.</summary>
    /// <param name="arm">The arm: its name and the inputs that set it apart.</param>
    /// <param name="seed">The run's seed; round 0 for it (or the shared one) is trained once and shared by every arm.</param>
    /// <param name="inputs">The inputs every arm shares.</param>
    /// <param name="budget">Wall time for the whole arm, round 0 included; null for none.</param>
    /// <param name="cancellationToken">Stops the bench.</param>
    /// <param name="procedure">Another version of the workflow for this arm (e.g. a meta-improved one); round 0 still comes from the shared base.</param>
    /// <param name="goal">Stop after the first round whose champion masters this many lengths (null: run to the end).</param>
    public async Task<IReadOnlyList<RoundPoint>> RunAsync(BenchArm arm, long seed, JsonObject inputs, TimeSpan? budget, CancellationToken cancellationToken,
        (WorkflowDefinition Definition, IDefinitionCatalog Catalog)? procedure = null, int? goal = null)
    {
        var baseSeed = sharedBaseSeed ?? seed;
        var baseSeconds = await EnsureBaseAsync(baseSeed, inputs, cancellationToken);
        var storeFolder = StoreFolder($"{arm.Name}-s{seed}");
        CopyFolder(StoreFolder($"base-s{baseSeed}"), storeFolder);

        var given = (JsonObject)inputs.DeepClone();
        foreach (var (name, value) in arm.Inputs) given[name] = value?.DeepClone();
        given["baseReuse"] = "1";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (budget is { } limit) stop.CancelAfter(limit - TimeSpan.FromSeconds(Math.Min(baseSeconds, limit.TotalSeconds)));

        IRunObserver observer = goal is { } g ? new FrontierGoalObserver(new ConsoleRunObserver(), g, stop) : new ConsoleRunObserver();
        var (run, steps) = await RunInStoreAsync(storeFolder, given, seed, $"bench-{arm.Name}-s{seed}", stop.Token, procedure, observer);
        cancellationToken.ThrowIfCancellationRequested();
        Console.Error.WriteLine($"bench: {arm.Name} seed {seed}: run {run.Id} {run.Status} after {(run.UpdatedAt - run.CreatedAt).TotalMinutes:0.0} min (+{baseSeconds / 60:0.0} min base){(run.Error is { } error ? $": {error}" : "")}");
        return ArmJournal.Read(arm.Name, run, steps, baseSeconds);
    }

    /// <summary>Trains round 0 for a seed once (rounds = 0) and returns its wall time in seconds.</summary>
    private async Task<double> EnsureBaseAsync(long seed, JsonObject inputs, CancellationToken cancellationToken)
    {
        if (_baseSeconds.TryGetValue(seed, out var known)) return known;
        var folder = StoreFolder($"base-s{seed}");
        if (await FinishedBaseAsync(folder, seed, inputs, cancellationToken) is { } seconds)
        {
            Console.Error.WriteLine($"bench: round 0 for seed {seed} was already trained with these inputs ({folder}); reusing it");
            return _baseSeconds[seed] = seconds;
        }
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var given = (JsonObject)inputs.DeepClone();
        given["rounds"] = 0;
        given["baseReuse"] = "";
        Console.Error.WriteLine($"bench: round 0 for seed {seed}, shared by every arm");
        var (run, steps) = await RunInStoreAsync(folder, given, seed, $"bench-base-s{seed}", cancellationToken);
        if (run.Status != RunStatus.Succeeded) throw new RunSetupException($"round 0 for seed {seed} did not succeed ({run.Status}: {run.Error}); its journal is in {folder}");
        var measured = steps.Single(s => s.Key == "measure");
        return _baseSeconds[seed] = Math.Round(((measured.EndedAt ?? run.UpdatedAt) - run.CreatedAt).TotalSeconds, 1);
    }

    /// <summary>
    /// The wall time of a round 0 an earlier bench finished in <paramref name="folder"/> with the same inputs, so a
    /// stopped or extended bench does not train it again; null when there is none.
    /// </summary>
    private static async Task<double?> FinishedBaseAsync(string folder, long seed, JsonObject inputs, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) return null;
        using var stores = Storage.StoreFactory.Open(folder);
        if (await stores.Runs.FindRunAsync($"bench-base-s{seed}", cancellationToken) is not { Status: RunStatus.Succeeded } run) return null;
        var expected = (JsonObject)inputs.DeepClone();
        (expected["rounds"], expected["baseReuse"]) = (0, "");
        if (!JsonNode.DeepEquals(Comparable(run.Inputs), Comparable(expected))) return null;
        var measured = (await stores.Runs.GetStepsAsync(run.Id, cancellationToken)).Single(s => s.Key == "measure");
        return Math.Round(((measured.EndedAt ?? run.UpdatedAt) - run.CreatedAt).TotalSeconds, 1);
    }

    // Inputs as the run recorded them (defaults filled in) compared with what is asked. Patience and the rounds'
    // budgets do not touch round 0 (and a round 0 recorded before a budget input existed has none).
    private static JsonObject Comparable(JsonObject inputs) =>
        new(inputs.Where(p => p.Key is not ("patience" or "budget" or "computeBudget")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    private async Task<(RunRecord Run, IReadOnlyList<StepRecord> Steps)> RunInStoreAsync(string storeFolder, JsonObject inputs, long seed, string runId, CancellationToken cancellationToken,
        (WorkflowDefinition Definition, IDefinitionCatalog Catalog)? procedure = null, IRunObserver? observer = null)
    {
        using var stores = Storage.StoreFactory.Open(storeFolder);
        host.Loop.Attach(stores.Artifacts, stores.Models, Path.Combine(storeFolder, "scratch"), stores.Definitions);
        observer ??= new ConsoleRunObserver();
        var engine = new WorkflowEngine(stores.Runs, new InProcessStepDispatcher(host.Activities, TimeProvider.System, observer), observer: observer);
        // At the budget the engine stops at the next step boundary and records the run as cancelled; its journal keeps every finished round.
        var (workflow, workflows) = procedure ?? (definition, catalog);
        var run = await engine.StartAsync(workflow, workflows, inputs, new RunStartOptions { Seed = seed, RunId = runId }, cancellationToken);
        var steps = await stores.Runs.GetStepsAsync(run.Id, CancellationToken.None);
        return (run, steps);
    }

    private string StoreFolder(string name) => Path.Combine(outputFolder, "stores", name);

    /// <summary>A copy of a closed store (database file, artifacts, scratch); the target is replaced.</summary>
    private static void CopyFolder(string from, string to)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(to)) Directory.Delete(to, recursive: true);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
