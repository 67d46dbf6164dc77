namespace Orchestrator.Core.Activities.BuiltIn.Log;

/// <summary><c>log</c>: writes a message to the run's log; the message is also the step's output.</summary>
public sealed class LogActivity() : Activity<LogOptions, LogOutput>("log", "Writes a message to the run's log.", new LogOptionsValidator())
{
    protected override ValueTask<ActivityOutcome> ExecuteAsync(LogOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        context.Log(options.Level == "info" ? options.Message : $"{options.Level}: {options.Message}");
        return ValueTask.FromResult(Done(new LogOutput(options.Message)));
    }
}
