using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;

namespace Orchestrator.Core.Activities.BuiltIn.Set;

/// <summary>
/// <c>set</c>: assigns state. Every key of <c>with</c> is a state key, so it has no options class;
/// the values (expressions resolved) become both the step's output and the state changes.
/// </summary>
public sealed class SetActivity : IActivity
{
    public const string TypeName = "set";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName,
        "Assigns state: each key under 'with' becomes a key of state, e.g. with: { frontier: \"${state.frontier + 1}\" }.",
        [new ActivityField("<key>", InputType.Any, false, null, "any state key and the value to assign to it")],
        [new ActivityField("<key>", InputType.Any, false, null, "the values assigned")],
        AcceptsAnyInputs: true);

    public IReadOnlyList<InputProblem> CheckInputs(JsonObject inputs, IReadOnlySet<string> deferred)
    {
        var problems = new List<InputProblem>();
        if (inputs.Count == 0) problems.Add(new InputProblem("", "'set' has nothing to assign", "add state keys under 'with', e.g. with: { count: 0 }"));
        foreach (var (key, _) in inputs)
            if (!DefinitionBuilder.IdentifierPattern().IsMatch(key))
                problems.Add(new InputProblem(key, $"'{key}' is not a valid state key", "use letters, digits and '_', starting with a letter"));
        return problems;
    }

    public ValueTask<ActivityOutcome> ExecuteAsync(JsonObject inputs, ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityOutcome.Success(inputs.DeepClone(), (JsonObject)inputs.DeepClone()));
}
