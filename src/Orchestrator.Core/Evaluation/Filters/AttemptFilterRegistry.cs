namespace Orchestrator.Core.Evaluation.Filters;

/// <summary>The filters evaluators may use, by name; plugins can add their own.</summary>
public sealed class AttemptFilterRegistry
{
    private readonly Dictionary<string, IAttemptFilter> _filters = new(StringComparer.Ordinal);

    public IEnumerable<IAttemptFilter> All => _filters.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    public AttemptFilterRegistry Add(IAttemptFilter filter)
    {
        if (!_filters.TryAdd(filter.Name, filter))
            throw new InvalidOperationException($"the evaluator filter '{filter.Name}' is already registered");
        return this;
    }

    public bool TryGet(string name, out IAttemptFilter filter) => _filters.TryGetValue(name, out filter!);

    /// <summary>The filters that come with the engine; <paramref name="tasks"/> are what <c>format</c> asks about answer shapes.</summary>
    public static AttemptFilterRegistry BuiltIn(Tasks.TaskRegistry? tasks = null) =>
        new AttemptFilterRegistry()
            .Add(new CheckedCorrectFilter()).Add(new MajorityFilter()).Add(new OnePerPromptFilter()).Add(new DropAllFilter())
            .Add(new FormatFilter(tasks ?? new Tasks.TaskRegistry())).Add(new InvarianceFilter()).Add(new EnsembleFilter()).Add(new ConfidenceFilter());
}
