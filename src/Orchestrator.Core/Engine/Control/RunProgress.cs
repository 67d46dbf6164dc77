using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Engine.Control;

/// <summary>
/// The latest progress of a run's running step, as stored for processes other than the one executing it (the server's
/// runs list and dashboard): which step reported it, what it said and when.
/// </summary>
public sealed record RunProgress(string RunId, string StepKey, StepProgress Progress, DateTimeOffset At);
