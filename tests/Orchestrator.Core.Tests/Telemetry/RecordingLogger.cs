using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Core.Tests.Telemetry;

/// <summary>
/// An <see cref="ILogger"/> that keeps each record's level, text and named values, as a log exporter receives them,
/// and the span current when it was written, which is what joins a log record to its trace.
/// </summary>
public sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(LogLevel Level, string EventName, string Text, IReadOnlyDictionary<string, object?> Values, string? SpanId);

    public IReadOnlyList<Entry> Entries => _entries.ToList();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        _entries.Enqueue(new Entry(logLevel, eventId.Name ?? "", formatter(state, exception), values.ToDictionary(v => v.Key, v => v.Value), Activity.Current?.SpanId.ToHexString()));
    }
}
