using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orchestrator.Core.Telemetry;

/// <summary>
/// The process's one activity source and meter with their instruments. They are static, as .NET intends: with no
/// listener attached, starting an activity returns null and recording a measurement returns at once.
/// </summary>
public static class OrchestratorInstruments
{
    public static ActivitySource Source { get; } = new(TelemetryNames.Source);
    public static Meter Meter { get; } = new(TelemetryNames.Source);

    public static Counter<long> StepsCommitted { get; } = Meter.CreateCounter<long>(TelemetryNames.StepsCommitted, "{step}",
        "Steps journalled by the engine (succeeded, skipped or failed); replayed steps are not counted again.");

    // Exporters' default buckets are made for milliseconds; steps take from milliseconds (set) to an hour (training).
    public static Histogram<double> StepDuration { get; } = Meter.CreateHistogram(TelemetryNames.StepDuration, "s",
        "Wall time of a step from its first attempt to its commit, retries and their delays included.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });

    // A small transformer on two cores trains at about 30k tokens/s; a GPU at millions.
    public static Histogram<double> TrainingTokensPerSecond { get; } = Meter.CreateHistogram(TelemetryNames.TrainingTokensPerSecond, "{token}/s",
        "Training throughput as reported by long steps' progress.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7] });

    public static Gauge<long> Frontier { get; } = Meter.CreateGauge<long>(TelemetryNames.Frontier, "{length}",
        "The longest length the champion masters, as the last gate decision measured it.");

    public static Counter<long> GateDecisions { get; } = Meter.CreateCounter<long>(TelemetryNames.GateDecisions, "{decision}",
        "Decisions of the gates (the protected gate and the meta-gate), by outcome.");

    /// <summary>True when anything listens to the spans or to any instrument, so a run is worth keeping track of.</summary>
    public static bool AnyListener =>
        Source.HasListeners() || StepsCommitted.Enabled || StepDuration.Enabled || TrainingTokensPerSecond.Enabled || Frontier.Enabled || GateDecisions.Enabled;
}
