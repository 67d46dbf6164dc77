using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Hosting;

/// <summary>The command's telemetry as an operator turns it on: by environment, on a real run of the real command.</summary>
public sealed class TelemetrySetupTests : IDisposable
{
    private const string Tiny = """
        id: telemetry-tiny
        steps:
          - { id: hello, uses: log, with: { message: "hello from the tiny workflow" } }
          - { id: flaky, uses: sample/flaky, with: { failTimes: 1 }, retry: { attempts: 2, delay: 1ms } }
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string[] RunTiny(string runId) => CliProcess.With(_temp.File("store"), "run", _temp.Write("tiny.yaml", Tiny), "--id", runId);

    [Fact]
    public async Task The_console_exporter_prints_the_run_span_its_metrics_and_its_logs_and_the_progress_lines_stay_as_they_are()
    {
        var result = await CliProcess.RunAsync(_temp.Path, new Dictionary<string, string> { ["ORCHESTRATOR_TELEMETRY"] = "console" }, RunTiny("tiny-1"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Matches(DisplayName("run telemetry-tiny"), result.Stdout);
        Assert.Matches(DisplayName("step hello"), result.Stdout);
        Assert.Matches(DisplayName("attempt flaky"), result.Stdout);
        Assert.Contains("orchestrator.run.id: tiny-1", result.Stdout);
        Assert.Contains("orchestrator.run.status: succeeded", result.Stdout);
        Assert.Contains("Metric Name: orchestrator.steps.committed", result.Stdout);
        Assert.Matches(@"LogRecord.FormattedMessage:\s+run tiny-1 step hello: hello from the tiny workflow", result.Stdout);
        // The progress lines on stderr are the same as without telemetry.
        Assert.Contains("  log  hello: hello from the tiny workflow", result.Stderr);
        Assert.Contains("  retry flaky: attempt 2 in", result.Stderr);
        Assert.Matches(@"(?m)^  ok   flaky  sample/flaky  \d+ ms  \(2 attempts\)$", result.Stderr);
    }

    [Fact]
    public async Task Without_the_variable_nothing_is_exported_and_json_output_is_one_document()
    {
        var result = await CliProcess.RunAsync(_temp.Path, [.. RunTiny("tiny-2"), "--json"]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal("succeeded", JsonNode.Parse(result.Stdout)!["status"]!.GetValue<string>());
        Assert.DoesNotContain("Activity.", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task The_otlp_exporter_sends_spans_metrics_and_logs_to_the_endpoint_OpenTelemetry_variables_name()
    {
        using var collector = new OtlpReceiver();
        var result = await CliProcess.RunAsync(_temp.Path, new Dictionary<string, string>
        {
            ["ORCHESTRATOR_TELEMETRY"] = "otlp",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "orchestrator-under-test",
        }, RunTiny("tiny-3"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.DoesNotContain("Activity.", result.Stdout);
        var traces = collector.Received("/v1/traces");
        Assert.Contains("run telemetry-tiny", traces);
        Assert.Contains("tiny-3", traces);
        Assert.Contains("orchestrator-under-test", traces);
        Assert.Contains("orchestrator.steps.committed", collector.Received("/v1/metrics"));
        Assert.Contains("orchestrator.run.id", collector.Received("/v1/logs"));
    }

    [Fact]
    public async Task An_unknown_exporter_exits_2_naming_the_variable_and_starts_nothing()
    {
        var result = await CliProcess.RunAsync(_temp.Path, new Dictionary<string, string> { ["ORCHESTRATOR_TELEMETRY"] = "jaeger" }, RunTiny("tiny-4"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: ORCHESTRATOR_TELEMETRY='jaeger'", result.Stderr);
        Assert.Contains("none, console or otlp", result.Stderr);
        Assert.False(Directory.Exists(_temp.File("store")), "the store was created: the command went on after the bad setting");
    }

    private static Regex DisplayName(string name) => new($@"Activity\.DisplayName:\s+{Regex.Escape(name)}\r?\n");
}
