using System.Diagnostics;

namespace Orchestrator.Core.Telemetry;

/// <summary>One step of a traced run while it executes: its span, the span of its current attempt, and when it began.</summary>
internal sealed class StepTrace(string kind, Activity? span, long startedAt)
{
    public string Kind { get; } = kind;
    public Activity? Span { get; } = span;
    public long StartedAt { get; } = startedAt;
    public Activity? Attempt { get; set; }
}
