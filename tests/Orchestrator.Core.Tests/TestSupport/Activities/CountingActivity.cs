using System.Collections.Concurrent;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Tests.TestSupport.Activities;

public sealed class CountingOptions
{
    [Input("a name to count executions under")]
    public string Label { get; set; } = "";
}

public sealed record CountingOutput([property: Output("the label")] string Label, [property: Output("how many times this label has run, this one included")] int Execution);

/// <summary><c>test/count</c>: succeeds and counts how often each label has run, to prove steps are not re-run.</summary>
public sealed class CountingActivity() : Activity<CountingOptions, CountingOutput>("test/count", "Counts executions per label.")
{
    private readonly ConcurrentDictionary<string, int> _executions = new(StringComparer.Ordinal);

    public int ExecutionsOf(string label) => _executions.GetValueOrDefault(label);

    public int TotalExecutions => _executions.Values.Sum();

    protected override ValueTask<ActivityOutcome> ExecuteAsync(CountingOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var execution = _executions.AddOrUpdate(options.Label, 1, (_, n) => n + 1);
        return ValueTask.FromResult(Done(new CountingOutput(options.Label, execution)));
    }
}
