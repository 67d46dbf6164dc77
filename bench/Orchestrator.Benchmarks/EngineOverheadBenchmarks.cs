using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Storage.Sqlite;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Engine overhead per step: a workflow of <see cref="Steps"/> <c>set</c> steps, each a durable SQLite commit
/// (the default store) or kept in memory only (no durability, for comparison). Divide the mean by
/// <see cref="Steps"/> for the cost of one step; the target is under 2 ms per step and 500 steps/s durable.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class EngineOverheadBenchmarks
{
    private readonly ActivityRegistry _activities = new ActivityRegistry().AddBuiltInActivities();
    private WorkflowDefinition _withExpressions = null!;
    private WorkflowDefinition _literal = null!;
    private string _folder = null!;
    private SqliteRunStore? _sqlite;

    [Params(1000)]
    public int Steps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _withExpressions = Build("count: \"${state.count + 1}\"");
        _literal = Build("count: 1");
    }

    [IterationSetup(Targets = [nameof(Sqlite_with_expressions), nameof(Sqlite_literal)])]
    public void OpenStore()
    {
        _folder = Directory.CreateTempSubdirectory("orchestrator-bench-").FullName;
        _sqlite = new SqliteRunStore(_folder);
    }

    [IterationCleanup(Targets = [nameof(Sqlite_with_expressions), nameof(Sqlite_literal)])]
    public void CloseStore()
    {
        _sqlite?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "in-memory, set with expression")]
    public Task<RunRecord> InMemory_with_expressions() => RunAsync(new InMemoryRunStore(), _withExpressions);

    [Benchmark(Description = "SQLite durable, set with expression")]
    public Task<RunRecord> Sqlite_with_expressions() => RunAsync(_sqlite!, _withExpressions);

    [Benchmark(Description = "in-memory, set literal")]
    public Task<RunRecord> InMemory_literal() => RunAsync(new InMemoryRunStore(), _literal);

    [Benchmark(Description = "SQLite durable, set literal")]
    public Task<RunRecord> Sqlite_literal() => RunAsync(_sqlite!, _literal);

    private async Task<RunRecord> RunAsync(IRunStore store, WorkflowDefinition definition)
    {
        var engine = new WorkflowEngine(store, new InProcessStepDispatcher(_activities));
        var run = await engine.StartAsync(definition, null, new JsonObject(), new RunStartOptions { Seed = 1 });
        return run.Status == RunStatus.Succeeded && run.StepsCommitted == Steps ? run : throw new InvalidOperationException($"run ended {run.Status}: {run.Error}");
    }

    private WorkflowDefinition Build(string assignment)
    {
        var yaml = new StringBuilder("id: bench\nstate: { count: 0 }\nsteps:\n");
        for (var i = 0; i < Steps; i++) yaml.Append($"  - {{ id: s{i}, uses: set, with: {{ {assignment} }} }}\n");
        var result = new DefinitionLoader(_activities).LoadText("bench.yaml", yaml.ToString());
        return result.Definition ?? throw new InvalidOperationException(string.Join("\n", result.Issues));
    }
}
