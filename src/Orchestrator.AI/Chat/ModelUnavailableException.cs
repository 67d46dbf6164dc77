namespace Orchestrator.AI.Chat;

/// <summary>
/// A version whose checkpoint cannot be served: missing, damaged (its hash does not match), or not a checkpoint. It is
/// an <see cref="IOException"/>, so an HTTP front answers 503 with the message, which names the version and artifact.
/// </summary>
public sealed class ModelUnavailableException(string message, Exception inner) : IOException(message, inner);
