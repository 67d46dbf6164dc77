using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Tests.TestSupport.Activities;

public sealed class FailingOptions
{
    [Input("how many attempts fail before one succeeds")]
    public int FailTimes { get; set; } = 1;

    [Input("whether the failures are transient (retryable)")]
    public bool Transient { get; set; } = true;

    [Input("throw an exception instead of returning a failure")]
    public bool Throw { get; set; }
}

public sealed record FailingOutput([property: Output("the attempt that succeeded")] int Attempt);

/// <summary><c>test/failing</c>: fails its first <c>failTimes</c> attempts (by attempt number), then succeeds.</summary>
public sealed class FailingActivity() : Activity<FailingOptions, FailingOutput>("test/failing", "Fails (or throws) a given number of attempts, then succeeds.")
{
    private int _calls;

    /// <summary>How many attempts reached the activity.</summary>
    public int Calls => Volatile.Read(ref _calls);

    protected override ValueTask<ActivityOutcome> ExecuteAsync(FailingOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (options.Throw && context.Attempt <= options.FailTimes)
            throw new InvalidOperationException($"attempt {context.Attempt} throws on purpose");
        return ValueTask.FromResult(context.Attempt <= options.FailTimes
            ? Failed(options.Transient ? "test-transient" : "test-permanent", $"attempt {context.Attempt} fails on purpose", options.Transient)
            : Done(new FailingOutput(context.Attempt)));
    }
}
