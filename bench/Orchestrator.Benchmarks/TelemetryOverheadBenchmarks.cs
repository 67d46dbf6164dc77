using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ActivityRegistry = Orchestrator.Core.Activities.ActivityRegistry;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Core.Telemetry;

namespace Orchestrator.Benchmarks;

/// <summary>
/// What the telemetry observer costs the engine: 1,000 in-memory <c>set</c> steps with no observer, with the observer
/// and nothing listening (telemetry off: it should cost nothing), and with listeners that take every span and
/// measurement but export nothing (the observer's own cost when telemetry is on).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class TelemetryOverheadBenchmarks
{
    private const int Steps = 1000;
    private readonly ActivityRegistry _activities = new ActivityRegistry().AddBuiltInActivities();
    private WorkflowDefinition _definition = null!;
    private ActivityListener? _spans;
    private MeterListener? _metrics;

    [GlobalSetup]
    public void Setup()
    {
        var yaml = new StringBuilder("id: bench\nstate: { count: 0 }\nsteps:\n");
        for (var i = 0; i < Steps; i++) yaml.Append($"  - {{ id: s{i}, uses: set, with: {{ count: \"${{state.count + 1}}\" }} }}\n");
        var result = new DefinitionLoader(_activities).LoadText("bench.yaml", yaml.ToString());
        _definition = result.Definition ?? throw new InvalidOperationException(string.Join("\n", result.Issues));
    }

    [GlobalSetup(Target = nameof(Observer_with_listeners))]
    public void Listen()
    {
        Setup();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TelemetryNames.Source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_spans);
        _metrics = new MeterListener { InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
        _metrics.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        _metrics.SetMeasurementEventCallback<double>((_, _, _, _) => { });
        _metrics.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _spans?.Dispose();
        _metrics?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "no observer")]
    public Task<RunRecord> No_observer() => RunAsync(NullRunObserver.Instance);

    [Benchmark(Description = "telemetry observer, nothing listening")]
    public Task<RunRecord> Observer_without_listeners() => RunAsync(new TelemetryRunObserver());

    [Benchmark(Description = "telemetry observer, spans and metrics listened to")]
    public Task<RunRecord> Observer_with_listeners() => RunAsync(new TelemetryRunObserver());

    private async Task<RunRecord> RunAsync(IRunObserver observer)
    {
        var engine = new WorkflowEngine(new InMemoryRunStore(), new InProcessStepDispatcher(_activities, TimeProvider.System, observer), observer: observer);
        var run = await engine.StartAsync(_definition, null, new JsonObject(), new RunStartOptions { Seed = 1 });
        return run.Status == RunStatus.Succeeded && run.StepsCommitted == Steps ? run : throw new InvalidOperationException($"run ended {run.Status}: {run.Error}");
    }
}
