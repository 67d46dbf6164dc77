using System.Collections.Concurrent;

namespace Orchestrator.Core.Expressions;

/// <summary>
/// A cache of work done per expression text (parsing, preparing). A long-lived server sees the expressions of every
/// definition and self-edit it is given, so the cache starts again when it is full rather than growing without end;
/// the definitions in use fill it again at the cost of one parse each.
/// </summary>
internal sealed class ExpressionCache<T>(int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, T> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public T GetOrAdd(string expression, Func<string, T> create)
    {
        if (_entries.TryGetValue(expression, out var found)) return found;
        if (_entries.Count >= capacity) _entries.Clear();
        return _entries.GetOrAdd(expression, create);
    }
}
