using Orchestrator.Core.Activities;
using Orchestrator.Core.Definitions;

namespace Orchestrator.Core.Tests.TestSupport.Activities;

public sealed class SlowOptions
{
    [Input("how long the work takes, e.g. 10s", Required = true)]
    public string Duration { get; set; } = "";
}

public sealed record SlowOutput([property: Output("always true")] bool Finished);

/// <summary><c>test/slow</c>: works for a duration on the context's clock, honouring cancellation.</summary>
public sealed class SlowActivity() : Activity<SlowOptions, SlowOutput>("test/slow", "Takes a while.")
{
    private int _started;

    public int Started => Volatile.Read(ref _started);

    protected override async ValueTask<ActivityOutcome> ExecuteAsync(SlowOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        Duration.TryParse(options.Duration, out var duration);
        await Task.Delay(duration, context.Time, cancellationToken);
        return Done(new SlowOutput(true));
    }
}
