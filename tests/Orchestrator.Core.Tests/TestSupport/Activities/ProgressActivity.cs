using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Tests.TestSupport.Activities;

public sealed class ProgressOptions
{
    [Input("how many progress reports to make, one after another without pause")]
    public int Reports { get; set; } = 100;
}

public sealed record ProgressOutput([property: Output("how many reports were made")] int Reported);

/// <summary>
/// <c>test/progress</c>: reports progress 1 of N … N of N in a tight loop, as a training loop reports its steps. Between the
/// first report and the rest it awaits <see cref="AfterFirstReport"/>, so a test can see the first written before the rest come.
/// </summary>
public sealed class ProgressActivity() : Activity<ProgressOptions, ProgressOutput>("test/progress", "Reports progress quickly.")
{
    public Func<Task>? AfterFirstReport { get; set; }

    protected override async ValueTask<ActivityOutcome> ExecuteAsync(ProgressOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        for (var done = 1; done <= options.Reports; done++)
        {
            context.Progress(new StepProgress("train", done, options.Reports) { Loss = 1.0 / done, TokensPerSecond = 1000, Detail = $"report {done}" });
            if (done == 1 && AfterFirstReport is { } pause) await pause();
        }
        return Done(new ProgressOutput(options.Reports));
    }
}
