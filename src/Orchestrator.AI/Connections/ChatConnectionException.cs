namespace Orchestrator.AI.Connections;

/// <summary>A chat connection that is not configured, not configured right, or lacks its key; the message says which and how to fix it.</summary>
public sealed class ChatConnectionException(string message) : InvalidOperationException(message);
