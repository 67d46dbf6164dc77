using Hangfire;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Core.Scheduling;
using Orchestrator.Hangfire.Dispatch;

namespace Orchestrator.Hangfire.Workers;

/// <summary>
/// What the engine's jobs (and the commands that create them) work with: our stores (the truth), the activities this process
/// can run, Hangfire's storage (the transport) and where progress goes. Jobs carry ids only; everything else is here.
/// </summary>
public sealed class JobServices
{
    public required IRunStore Runs { get; init; }
    public required IDispatchStore Dispatches { get; init; }
    public required IScheduleStore Schedules { get; init; }
    public required ActivityRegistry Activities { get; init; }
    public required IWorkflowResolver Workflows { get; init; }
    public required JobStorage Storage { get; init; }

    /// <summary>True when Hangfire's storage is shared by every worker (PostgreSQL); false for a worker's own in-memory storage.</summary>
    public required bool SharedStorage { get; init; }
    public IRunObserver Observer { get; init; } = NullRunObserver.Instance;

    /// <summary>Where the engine looks for requests to cancel the runs it executes; none, and runs stop only with the worker.</summary>
    public IRunControlStore? Control { get; init; }
    public EngineOptions Engine { get; init; } = new();
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>This worker's name, recorded as who finished an attempt and who fired a schedule.</summary>
    public string Name { get; init; } = Environment.MachineName + ":" + Environment.ProcessId;

    /// <summary>Where progress lines go (the worker's stderr by default).</summary>
    public Action<string> Log { get; init; } = Console.Error.WriteLine;

    public IBackgroundJobClient Jobs => new BackgroundJobClient(Storage);

    /// <summary>Runs an attempt here, in this process.</summary>
    public InProcessStepDispatcher Local => new(Activities, Time, Observer);

    /// <summary>
    /// An engine whose queued steps go out as Hangfire jobs to the workers serving their queues, and whose other steps
    /// run here. A worker's own in-memory storage reaches no other worker, so there every step runs here.
    /// </summary>
    public WorkflowEngine CreateEngine() =>
        new(Runs, SharedStorage ? new HangfireStepDispatcher(Dispatches, Jobs, Local, Time) : Local, Engine, Time, Observer, Control);
}
