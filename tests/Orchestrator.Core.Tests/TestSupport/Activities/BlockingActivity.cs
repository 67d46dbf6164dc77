using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Definitions;

namespace Orchestrator.Core.Tests.TestSupport.Activities;

/// <summary>
/// <c>test/block</c>, written against <see cref="IActivity"/> directly: while <see cref="Blocking"/> is set it
/// signals <see cref="Started"/> and waits until cancelled; otherwise it succeeds at once.
/// </summary>
public sealed class BlockingActivity : IActivity
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _executions;

    public ActivityDescriptor Descriptor { get; } = new("test/block", "Blocks until cancelled.", [], [new ActivityField("done", InputType.Bool, false, null, "true")]);

    public bool Blocking { get; set; } = true;

    public Task Started => _started.Task;

    public int Executions => Volatile.Read(ref _executions);

    public IReadOnlyList<InputProblem> CheckInputs(JsonObject inputs, IReadOnlySet<string> deferred) =>
        inputs.Select(p => new InputProblem(p.Key, $"'test/block' has no input '{p.Key}'")).ToList();

    public async ValueTask<ActivityOutcome> ExecuteAsync(JsonObject inputs, ActivityContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _executions);
        if (Blocking)
        {
            _started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        return ActivityOutcome.Success(new JsonObject { ["done"] = true });
    }
}
