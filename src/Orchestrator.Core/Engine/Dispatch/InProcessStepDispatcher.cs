using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Engine.Dispatch;

/// <summary>Runs activities in this process, from the registry.</summary>
public sealed class InProcessStepDispatcher(ActivityRegistry activities, TimeProvider? time = null, IRunObserver? observer = null) : IStepDispatcher
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly IRunObserver _observer = observer ?? NullRunObserver.Instance;

    public ValueTask<ActivityOutcome> DispatchAsync(StepInvocation invocation, CancellationToken cancellationToken)
    {
        if (!activities.TryGet(invocation.ActivityType, out var activity))
            return ValueTask.FromResult(ActivityOutcome.Failure("unknown-activity", $"no activity '{invocation.ActivityType}' is registered in this process; load the plugin that provides it"));
        var context = new ActivityContext
        {
            RunId = invocation.RunId,
            StepKey = invocation.StepKey,
            StepId = invocation.StepId,
            Attempt = invocation.Attempt,
            FirstStartedAt = invocation.FirstStartedAt,
            Time = _time,
            Random = StepRandom.For(invocation.Seed, invocation.StepKey, invocation.RandomTry),
            State = invocation.State,
            Log = message => _observer.Log(invocation.RunId, invocation.StepKey, message),
            Progress = progress => _observer.Progress(invocation.RunId, invocation.StepKey, progress),
        };
        return activity.ExecuteAsync(invocation.Inputs, context, cancellationToken);
    }
}
