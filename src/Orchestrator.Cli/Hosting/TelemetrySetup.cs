using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Telemetry;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// The process's OpenTelemetry providers for the exporters asked for, built once when the command starts and disposed
/// when it ends, which flushes what is still buffered. With no exporter nothing is built: no listener attaches to the
/// activity source or the meter, so the engine's observer finds nobody listening and records nothing.
/// </summary>
public sealed class TelemetrySetup : IDisposable
{
    public const string DefaultServiceName = "orchestrator";

    private readonly TracerProvider? _traces;
    private readonly MeterProvider? _metrics;
    private readonly ILoggerFactory _logs;

    private TelemetrySetup(TelemetryExporters exporters)
    {
        Exporters = exporters;
        if (exporters == TelemetryExporters.None)
        {
            _logs = NullLoggerFactory.Instance;
            Observer = new TelemetryRunObserver();
            return;
        }
        var resource = Resource();
        var traces = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(TelemetryNames.Source);
        var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(TelemetryNames.Source);
        if (exporters.HasFlag(TelemetryExporters.Console))
        {
            traces.AddConsoleExporter();
            metrics.AddConsoleExporter();
        }
        if (exporters.HasFlag(TelemetryExporters.Otlp))
        {
            traces.AddOtlpExporter();
            metrics.AddOtlpExporter();
        }
        _traces = traces.Build();
        _metrics = metrics.Build();
        _logs = LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(resource);
            options.IncludeFormattedMessage = true;
            if (exporters.HasFlag(TelemetryExporters.Console)) options.AddConsoleExporter();
            if (exporters.HasFlag(TelemetryExporters.Otlp)) options.AddOtlpExporter();
        }));
        Observer = new TelemetryRunObserver(_logs.CreateLogger("Orchestrator.Runs"));
    }

    /// <summary>This process's telemetry; exporting nothing until <see cref="Start"/> says otherwise.</summary>
    public static TelemetrySetup Current { get; private set; } = new(TelemetryExporters.None);

    public TelemetryExporters Exporters { get; }

    /// <summary>The observer to give every engine this process builds, beside its progress lines.</summary>
    public IRunObserver Observer { get; }

    /// <summary>Builds the providers for <paramref name="exporters"/> and makes them <see cref="Current"/>.</summary>
    public static TelemetrySetup Start(TelemetryExporters exporters) => Current = new TelemetrySetup(exporters);

    // OpenTelemetry's default resource reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES; a service added after it
    // would win over them, so ours is added only when the operator named none.
    private static ResourceBuilder Resource()
    {
        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME"))
            && Environment.GetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES")?.Contains("service.name=", StringComparison.Ordinal) != true)
            resource.AddService(DefaultServiceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
        return resource;
    }

    public void Dispose()
    {
        // Spans first: a run's last span ends before the metrics' final collection and the logs' flush.
        _traces?.Dispose();
        _metrics?.Dispose();
        _logs.Dispose();
        if (ReferenceEquals(Current, this)) Current = new TelemetrySetup(TelemetryExporters.None);
    }
}
