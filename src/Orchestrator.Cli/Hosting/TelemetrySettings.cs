namespace Orchestrator.Cli.Hosting;

/// <summary>
/// Reads <c>ORCHESTRATOR_TELEMETRY</c>: <c>none</c> (the default), <c>console</c>, <c>otlp</c> or a comma-separated list.
/// Everything else about the exporters (endpoint, protocol, service name, export interval) is OpenTelemetry's own
/// <c>OTEL_*</c> variables, which its SDK reads itself, so an operator's usual configuration works unchanged.
/// </summary>
public static class TelemetrySettings
{
    public const string Variable = "ORCHESTRATOR_TELEMETRY";

    private static readonly Dictionary<string, TelemetryExporters> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = TelemetryExporters.None,
        ["console"] = TelemetryExporters.Console,
        ["otlp"] = TelemetryExporters.Otlp,
    };

    public static TelemetryExporters FromEnvironment(out string? error) => Parse(Environment.GetEnvironmentVariable(Variable), out error);

    /// <summary>The exporters <paramref name="value"/> names; on a name it does not know, none and the reason in <paramref name="error"/>.</summary>
    public static TelemetryExporters Parse(string? value, out string? error)
    {
        error = null;
        var exporters = TelemetryExporters.None;
        foreach (var name in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Names.TryGetValue(name, out var exporter))
            {
                error = $"{Variable}='{value}' names an unknown exporter '{name}'; use none, console or otlp, or a comma-separated list such as console,otlp";
                return TelemetryExporters.None;
            }
            exporters |= exporter;
        }
        return exporters;
    }
}
