using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Tests.TestSupport.Activities;

public sealed class ToggleOptions;

public sealed record ToggleOutput([property: Output("how many times the activity ran")] int Executions);

/// <summary><c>test/toggle</c>: fails (not transiently) while <see cref="Failing"/> is set, succeeds once it is cleared.</summary>
public sealed class ToggleActivity() : Activity<ToggleOptions, ToggleOutput>("test/toggle", "Fails while switched to failing.")
{
    private int _executions;

    public bool Failing { get; set; } = true;

    public int Executions => Volatile.Read(ref _executions);

    protected override ValueTask<ActivityOutcome> ExecuteAsync(ToggleOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var executions = Interlocked.Increment(ref _executions);
        return ValueTask.FromResult(Failing ? Failed("toggle-off", "switched to failing") : Done(new ToggleOutput(executions)));
    }
}
