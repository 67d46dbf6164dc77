namespace Orchestrator.Cli.Hosting;

/// <summary>Where the process's spans, metrics and logs go; any combination, or nowhere.</summary>
[Flags]
public enum TelemetryExporters
{
    None = 0,

    /// <summary>OpenTelemetry's console exporter, on stdout: for looking at what is emitted, not for production.</summary>
    Console = 1,

    /// <summary>OTLP to a collector, configured by OpenTelemetry's own <c>OTEL_EXPORTER_OTLP_*</c> variables.</summary>
    Otlp = 2,
}
