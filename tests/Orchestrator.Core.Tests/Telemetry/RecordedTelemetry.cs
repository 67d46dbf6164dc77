using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orchestrator.Core.Telemetry;

namespace Orchestrator.Core.Tests.Telemetry;

/// <summary>
/// Listens to the Orchestrator activity source and meter as an exporter would, through System.Diagnostics'
/// own listeners, and keeps every finished span and every measurement until disposed.
/// </summary>
public sealed class RecordedTelemetry : IDisposable
{
    private readonly ActivityListener _spans;
    private readonly MeterListener _metrics = new();
    private readonly ConcurrentQueue<Activity> _finished = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    public RecordedTelemetry()
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TelemetryNames.Source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _finished.Enqueue,
        };
        ActivitySource.AddActivityListener(_spans);

        _metrics.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TelemetryNames.Source) listener.EnableMeasurementEvents(instrument);
        };
        _metrics.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _metrics.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _metrics.Start();
    }

    /// <summary>Finished spans of one run's trace: the run span (tagged with its id) and everything beneath it.</summary>
    public IReadOnlyList<Activity> TraceOf(string runId)
    {
        var spans = _finished.ToList();
        var root = spans.Single(s => s.OperationName.StartsWith("run ", StringComparison.Ordinal) && (string?)s.GetTagItem(TelemetryNames.RunId) == runId);
        return spans.Where(s => s.TraceId == root.TraceId).ToList();
    }

    /// <summary>Measurements of one instrument for one workflow (tests run workflows of their own ids).</summary>
    public IReadOnlyList<Measurement> Of(string instrument, string workflow) =>
        _measurements.Where(m => m.Instrument == instrument && m.Tags.TryGetValue(TelemetryNames.Workflow, out var w) && (string?)w == workflow).ToList();

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct =>
        _measurements.Enqueue(new Measurement(instrument.Name, Convert.ToDouble(value), new Dictionary<string, object?>(tags.ToArray())));

    public void Dispose()
    {
        _spans.Dispose();
        _metrics.Dispose();
    }
}
