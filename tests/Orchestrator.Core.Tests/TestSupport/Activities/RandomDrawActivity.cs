using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Tests.TestSupport.Activities;

public sealed class RandomDrawOptions
{
    [Input("how many numbers to draw")]
    public int Count { get; set; } = 5;
}

public sealed record RandomDrawOutput([property: Output("the numbers drawn from the step's random source")] IReadOnlyList<int> Draws);

/// <summary><c>test/draw</c>: draws numbers from <see cref="ActivityContext.Random"/>.</summary>
public sealed class RandomDrawActivity() : Activity<RandomDrawOptions, RandomDrawOutput>("test/draw", "Draws random numbers.")
{
    protected override ValueTask<ActivityOutcome> ExecuteAsync(RandomDrawOptions options, ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Done(new RandomDrawOutput(Enumerable.Range(0, options.Count).Select(_ => context.Random.Next()).ToList())));
}
