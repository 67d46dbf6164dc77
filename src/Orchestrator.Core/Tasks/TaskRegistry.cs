namespace Orchestrator.Core.Tasks;

/// <summary>The task families a host knows, by name, and where each came from.</summary>
public sealed class TaskRegistry
{
    private readonly Dictionary<string, (ITaskFamily Task, string Source)> _tasks = new(StringComparer.Ordinal);

    public IEnumerable<ITaskFamily> All => _tasks.Values.Select(e => e.Task).OrderBy(t => t.Name, StringComparer.Ordinal);
    public IEnumerable<string> Names => _tasks.Keys;

    public TaskRegistry Add(ITaskFamily task, string source = "built-in")
    {
        if (_tasks.TryGetValue(task.Name, out var existing))
            throw new InvalidOperationException($"the task '{task.Name}' is already registered by {existing.Source}; {source} cannot register it again");
        _tasks[task.Name] = (task, source);
        return this;
    }

    public bool TryGet(string name, out ITaskFamily task)
    {
        var found = _tasks.TryGetValue(name, out var entry);
        task = entry.Task;
        return found;
    }

    public string SourceOf(string name) => _tasks.TryGetValue(name, out var entry) ? entry.Source : "";
}
