namespace Orchestrator.Core.SelfEditing.Editors;

/// <summary>The editors workflows may name, each made fresh per use (its state is loaded from the registry).</summary>
public sealed class EditorRegistry
{
    private readonly Dictionary<string, Func<IWorkflowEditor>> _editors = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _editors.Keys.Order(StringComparer.Ordinal);

    public EditorRegistry Add(string name, Func<IWorkflowEditor> create)
    {
        if (!_editors.TryAdd(name, create)) throw new InvalidOperationException($"the editor '{name}' is already registered");
        return this;
    }

    public bool TryCreate(string name, out IWorkflowEditor editor)
    {
        editor = _editors.TryGetValue(name, out var create) ? create() : null!;
        return editor is not null;
    }

    /// <summary>The editors that come with the engine.</summary>
    public static EditorRegistry BuiltIn() => new EditorRegistry().Add("bandit", () => new BanditEditor());
}
