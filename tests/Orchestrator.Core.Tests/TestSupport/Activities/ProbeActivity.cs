using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Tests.TestSupport.Activities;

public sealed class ProbeOptions
{
    [Input("the value to return", Required = true)]
    public double Value { get; set; }

    [Input("how long to work first, in milliseconds")]
    public int DelayMs { get; set; }
}

public sealed record ProbeOutput([property: Output("the value given")] double Value);

/// <summary><c>test/probe</c>: returns its value after a delay, recording the most attempts that ran at once.</summary>
public sealed class ProbeActivity() : Activity<ProbeOptions, ProbeOutput>("test/probe", "Returns its value; measures concurrency.")
{
    private int _running;
    private int _mostAtOnce;
    private int _executions;

    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public int Executions => Volatile.Read(ref _executions);

    protected override async ValueTask<ActivityOutcome> ExecuteAsync(ProbeOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _executions);
        var running = Interlocked.Increment(ref _running);
        try
        {
            for (var seen = Volatile.Read(ref _mostAtOnce); running > seen; seen = Volatile.Read(ref _mostAtOnce))
                Interlocked.CompareExchange(ref _mostAtOnce, running, seen);
            if (options.DelayMs > 0) await Task.Delay(options.DelayMs, cancellationToken);
            return Done(new ProbeOutput(options.Value));
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
