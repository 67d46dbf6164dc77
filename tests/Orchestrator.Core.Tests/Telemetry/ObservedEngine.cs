using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Core.Telemetry;
using Orchestrator.Core.Tests.TestSupport;
using Orchestrator.Core.Tests.TestSupport.Activities;

namespace Orchestrator.Core.Tests.Telemetry;

/// <summary>The real engine over an in-memory store, reporting to a <see cref="TelemetryRunObserver"/> that logs to <see cref="Logger"/>.</summary>
public sealed class ObservedEngine
{
    public ObservedEngine()
    {
        Activities = TestDefinitions.BuiltIns().Add(new FailingActivity()).Add(Blocking).Add(new TrainingProgressActivity());
        Observer = new TelemetryRunObserver(Logger);
        Engine = new WorkflowEngine(Store, new InProcessStepDispatcher(Activities, TimeProvider.System, Observer), observer: Observer);
    }

    public RecordingLogger Logger { get; } = new();
    public BlockingActivity Blocking { get; } = new();
    public ActivityRegistry Activities { get; }
    public InMemoryRunStore Store { get; } = new();
    public TelemetryRunObserver Observer { get; }
    public WorkflowEngine Engine { get; }

    public Task<RunRecord> RunAsync(string yaml, CancellationToken cancellationToken = default) =>
        Engine.StartAsync(TestDefinitions.Valid(yaml, Activities), null, new JsonObject(), new RunStartOptions(), cancellationToken);
}
