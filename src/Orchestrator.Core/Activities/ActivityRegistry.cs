namespace Orchestrator.Core.Activities;

/// <summary>The activity types a host knows, by their <c>uses</c> name, and where each came from.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, (IActivity Activity, string Source)> _activities = new(StringComparer.Ordinal);

    public IEnumerable<IActivity> All => _activities.Values.Select(e => e.Activity).OrderBy(a => a.Descriptor.Type, StringComparer.Ordinal);
    public IEnumerable<string> Types => _activities.Keys;

    /// <summary>Adds an activity; a second activity with the same type name is refused, naming both sources.</summary>
    public ActivityRegistry Add(IActivity activity, string source = "built-in")
    {
        var type = activity.Descriptor.Type;
        if (_activities.TryGetValue(type, out var existing))
            throw new InvalidOperationException($"the activity type '{type}' is already registered by {existing.Source}; {source} cannot register it again. Give one of them another name.");
        _activities[type] = (activity, source);
        return this;
    }

    public bool TryGet(string type, out IActivity activity)
    {
        var found = _activities.TryGetValue(type, out var entry);
        activity = entry.Activity;
        return found;
    }

    /// <summary>"built-in", or the plugin file that registered the type.</summary>
    public string SourceOf(string type) => _activities.TryGetValue(type, out var entry) ? entry.Source : "";
}
