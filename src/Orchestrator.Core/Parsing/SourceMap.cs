namespace Orchestrator.Core.Parsing;

/// <summary>
/// Where each JSON pointer of a parsed document came from in its file, so an error about
/// <c>/steps/2/with/lr</c> can say "line 14". Documents loaded from a store have an empty map.
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);

    public static SourceMap Empty { get; } = new();

    internal void Add(string pointer, SourceLocation location) => _locations.TryAdd(pointer, location);

    /// <summary>The location of the pointer, or of its nearest ancestor that has one.</summary>
    public SourceLocation? Find(string pointer)
    {
        var current = pointer;
        while (true)
        {
            if (_locations.TryGetValue(current, out var location)) return location;
            if (current.Length == 0) return null;
            var slash = current.LastIndexOf('/');
            current = slash <= 0 ? "" : current[..slash];
        }
    }
}
