using Orchestrator.Core.Activities;

namespace Orchestrator.Plugins.Sample.Square;

/// <summary><c>sample/square</c>: the smallest useful activity, a pure function of its input.</summary>
public sealed class SquareActivity() : Activity<SquareOptions, SquareOutput>("sample/square", "Squares a number.")
{
    protected override ValueTask<ActivityOutcome> ExecuteAsync(SquareOptions options, ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Done(new SquareOutput(options.Value, options.Value * options.Value)));
}
