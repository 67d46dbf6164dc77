using Microsoft.Extensions.Logging;
using Orchestrator.Core.Telemetry;

namespace Orchestrator.Core.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryRunObserverLogTests
{
    private readonly ObservedEngine _engine = new();

    [Fact]
    public async Task Activity_logs_retries_and_failures_are_log_records_naming_the_run_and_step()
    {
        var run = await _engine.RunAsync("""
            id: logged
            steps:
              - { id: hello, uses: log, with: { message: "round 1 done" } }
              - { id: flaky, uses: test/failing, with: { failTimes: 1 }, retry: { attempts: 2, delay: 1ms } }
              - { id: stop, uses: fail, with: { message: "budget exceeded", type: budget-exceeded } }
            """);

        var entries = _engine.Logger.Entries;
        var message = Assert.Single(entries, e => e.EventName == "StepLog");
        Assert.Equal((LogLevel.Information, run.Id, "hello", "round 1 done"),
            (message.Level, message.Values[TelemetryNames.RunId], message.Values[TelemetryNames.StepKey], message.Values["message"]));
        Assert.Equal($"run {run.Id} step hello: round 1 done", message.Text);

        var retry = Assert.Single(entries, e => e.EventName == "StepRetrying");
        Assert.Equal((LogLevel.Warning, run.Id, "flaky", 2), (retry.Level, retry.Values[TelemetryNames.RunId], retry.Values[TelemetryNames.StepKey], retry.Values[TelemetryNames.AttemptNumber]));

        var failure = Assert.Single(entries, e => e.EventName == "StepFailed");
        Assert.Equal((LogLevel.Error, run.Id, "stop", "budget-exceeded", "budget exceeded"),
            (failure.Level, failure.Values[TelemetryNames.RunId], failure.Values[TelemetryNames.StepKey], failure.Values[TelemetryNames.ErrorType], failure.Values["message"]));

        Assert.Equal(["RunStarted", "RunFinished"], entries.Where(e => e.EventName.StartsWith("Run", StringComparison.Ordinal)).Select(e => e.EventName));
        Assert.Equal("failed", entries.Single(e => e.EventName == "RunFinished").Values[TelemetryNames.RunStatus]);
        Assert.All(entries, e => Assert.Equal(run.Id, e.Values[TelemetryNames.RunId]));
    }
}
