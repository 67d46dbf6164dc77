using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Core.Tests.TestSupport.Activities;

namespace Orchestrator.Core.Tests.TestSupport;

/// <summary>
/// An engine over an in-memory store and in-process dispatch, with the built-in activities and one fresh
/// instance of each test activity, so a test can count what ran. Its control store is in memory too, and an
/// observer given is told what the engine and the activities report.
/// </summary>
public sealed class EngineHarness
{
    public EngineHarness(TimeProvider? time = null, IRunObserver? observer = null, EngineOptions? options = null, CountingControlStore? control = null)
    {
        Time = time ?? TimeProvider.System;
        Control = control ?? new CountingControlStore();
        Activities = TestDefinitions.BuiltIns()
            .Add(Counting).Add(Failing).Add(Toggle).Add(Slow).Add(Blocking).Add(Draw).Add(Probe).Add(Progress);
        Engine = new WorkflowEngine(Store, new InProcessStepDispatcher(Activities, Time, observer), options, Time, observer, Control);
    }

    public TimeProvider Time { get; }
    public CountingActivity Counting { get; } = new();
    public FailingActivity Failing { get; } = new();
    public ToggleActivity Toggle { get; } = new();
    public SlowActivity Slow { get; } = new();
    public BlockingActivity Blocking { get; } = new();
    public RandomDrawActivity Draw { get; } = new();
    public ProbeActivity Probe { get; } = new();
    public ProgressActivity Progress { get; } = new();

    public ActivityRegistry Activities { get; }
    public InMemoryRunStore Store { get; } = new();
    public CountingControlStore Control { get; }
    public WorkflowEngine Engine { get; }

    public WorkflowDefinition Load(string yaml, IDefinitionCatalog? catalog = null) => TestDefinitions.Valid(yaml, Activities, catalog);

    public Task<RunRecord> RunAsync(string yaml, JsonObject? inputs = null, IDefinitionCatalog? catalog = null, long? seed = null, CancellationToken cancellationToken = default) =>
        Engine.StartAsync(Load(yaml, catalog), catalog, inputs ?? new JsonObject(), new RunStartOptions { Seed = seed }, cancellationToken);

    public async Task<IReadOnlyList<StepRecord>> JournalAsync(string runId) => await Store.GetStepsAsync(runId, CancellationToken.None);

    public async Task<StepRecord> StepAsync(string runId, string key)
    {
        var journal = await JournalAsync(runId);
        var record = journal.SingleOrDefault(s => s.Key == key);
        Assert.True(record is not null, $"no journal record '{key}'; the journal has: {string.Join(", ", journal.Select(s => s.Key))}");
        return record;
    }
}
