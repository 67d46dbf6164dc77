namespace Orchestrator.Core.Activities;

/// <summary>
/// An expected failure, RFC 7807 in spirit: a machine-matchable <see cref="Type"/> and a human message.
/// <see cref="Transient"/> failures are retried by the step's retry policy; others fail at once.
/// </summary>
public sealed record ActivityError(string Type, string Message, bool Transient = false);
