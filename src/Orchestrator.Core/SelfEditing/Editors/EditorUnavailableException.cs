namespace Orchestrator.Core.SelfEditing.Editors;

/// <summary>An editor that cannot be made as asked (e.g. its connection is not configured); the message says what to fix.</summary>
public sealed class EditorUnavailableException(string message) : Exception(message);
