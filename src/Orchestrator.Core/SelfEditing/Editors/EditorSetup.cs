namespace Orchestrator.Core.SelfEditing.Editors;

/// <summary>
/// What a step brings when it makes an editor: for an editor that asks a model, the name of the connection to ask
/// (<c>connections.json</c>). Null when the editor is only to learn from outcomes and save its state, which needs
/// no endpoint.
/// </summary>
public sealed record EditorSetup(string? Connection)
{
    /// <summary>For learning and state only: nothing will be proposed.</summary>
    public static EditorSetup StateOnly { get; } = new((string?)null);
}
