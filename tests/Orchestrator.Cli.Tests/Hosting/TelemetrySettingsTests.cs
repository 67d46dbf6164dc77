using Orchestrator.Cli.Hosting;

namespace Orchestrator.Cli.Tests.Hosting;

public sealed class TelemetrySettingsTests
{
    [Theory]
    [InlineData(null, TelemetryExporters.None)]
    [InlineData("", TelemetryExporters.None)]
    [InlineData("none", TelemetryExporters.None)]
    [InlineData("console", TelemetryExporters.Console)]
    [InlineData("OTLP", TelemetryExporters.Otlp)]
    [InlineData(" console , otlp ", TelemetryExporters.Console | TelemetryExporters.Otlp)]
    [InlineData("none,otlp", TelemetryExporters.Otlp)]
    public void Names_and_lists_of_names_choose_the_exporters(string? value, TelemetryExporters expected)
    {
        Assert.Equal(expected, TelemetrySettings.Parse(value, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("jaeger", "'jaeger'")]
    [InlineData("console,zipkin", "'zipkin'")]
    [InlineData("true", "'true'")]
    public void An_unknown_name_is_an_error_naming_the_variable_and_the_allowed_values(string value, string named)
    {
        Assert.Equal(TelemetryExporters.None, TelemetrySettings.Parse(value, out var error));
        Assert.NotNull(error);
        Assert.StartsWith($"ORCHESTRATOR_TELEMETRY='{value}'", error);
        Assert.Contains(named, error);
        Assert.Contains("none, console or otlp", error);
    }
}
