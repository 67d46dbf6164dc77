using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Engine.Dispatch;

/// <summary>
/// Delivers an activity attempt to where it runs: this process (<see cref="InProcessStepDispatcher"/>), or
/// a queue of distributed workers. Delivery may be at-least-once; the engine commits each step once.
/// </summary>
public interface IStepDispatcher
{
    ValueTask<ActivityOutcome> DispatchAsync(StepInvocation invocation, CancellationToken cancellationToken);
}
