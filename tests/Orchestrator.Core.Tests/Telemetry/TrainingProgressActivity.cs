using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Tests.Telemetry;

public sealed class TrainingProgressOptions
{
    [Input("the throughput each report gives")]
    public double TokensPerSecond { get; set; } = 1000;

    [Input("how many progress reports to make")]
    public int Reports { get; set; } = 1;
}

public sealed record TrainingProgressOutput([property: Output("the reports made")] int Reports);

/// <summary><c>test/train-progress</c>: reports progress as a training step does, with a throughput, then succeeds.</summary>
public sealed class TrainingProgressActivity()
    : Activity<TrainingProgressOptions, TrainingProgressOutput>("test/train-progress", "Reports training progress with a throughput.")
{
    protected override ValueTask<ActivityOutcome> ExecuteAsync(TrainingProgressOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        for (var done = 1; done <= options.Reports; done++)
            context.Progress(new StepProgress("train", done, options.Reports) { TokensPerSecond = options.TokensPerSecond, Loss = 1.0 / done });
        return ValueTask.FromResult(Done(new TrainingProgressOutput(options.Reports)));
    }
}
