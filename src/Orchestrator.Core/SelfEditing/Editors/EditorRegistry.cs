namespace Orchestrator.Core.SelfEditing.Editors;

/// <summary>The editors workflows may name, each made fresh per use (its state is loaded from the registry).</summary>
public sealed class EditorRegistry
{
    private readonly Dictionary<string, Func<EditorSetup, IWorkflowEditor>> _editors = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _editors.Keys.Order(StringComparer.Ordinal);

    public EditorRegistry Add(string name, Func<IWorkflowEditor> create) => Add(name, _ => create());

    /// <param name="name">The name workflows use.</param>
    /// <param name="create">Makes the editor for a use; throws <see cref="EditorUnavailableException"/> when it cannot be made as set up.</param>
    public EditorRegistry Add(string name, Func<EditorSetup, IWorkflowEditor> create)
    {
        if (!_editors.TryAdd(name, create)) throw new InvalidOperationException($"the editor '{name}' is already registered");
        return this;
    }

    /// <summary>An editor for learning and its state (<see cref="EditorSetup.StateOnly"/>).</summary>
    public bool TryCreate(string name, out IWorkflowEditor editor) => TryCreate(name, EditorSetup.StateOnly, out editor, out _);

    /// <summary>An editor for a use; <paramref name="problem"/> says why not when it cannot be made (an unknown name, or what its set-up lacks and how to fix it).</summary>
    public bool TryCreate(string name, EditorSetup setup, out IWorkflowEditor editor, out string problem)
    {
        (editor, problem) = (null!, "");
        if (!_editors.TryGetValue(name, out var create))
        {
            problem = $"no editor '{name}'; the editors are {string.Join(", ", Names)}";
            return false;
        }
        try
        {
            editor = create(setup);
            return true;
        }
        catch (EditorUnavailableException e)
        {
            problem = e.Message;
            return false;
        }
    }

    /// <summary>The editors that come with the engine.</summary>
    public static EditorRegistry BuiltIn() => new EditorRegistry().Add("bandit", () => new BanditEditor());
}
