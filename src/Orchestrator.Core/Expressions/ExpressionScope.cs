using System.Text.Json.Nodes;

namespace Orchestrator.Core.Expressions;

/// <summary>
/// The names an expression can read: <c>inputs</c>, <c>state</c>, <c>steps.&lt;id&gt;.output</c>,
/// <c>loop.index</c> and the item of a parallel branch. Values are read lazily: an expression is only
/// given the roots (and step outputs) it mentions.
/// </summary>
public sealed class ExpressionScope
{
    private readonly StepOutputLookup? _lookup;
    private readonly Func<IEnumerable<string>>? _stepIds;

    public ExpressionScope(JsonObject inputs, JsonObject state, StepOutputLookup? lookup = null, Func<IEnumerable<string>>? stepIds = null)
    {
        Inputs = inputs;
        State = state;
        _lookup = lookup;
        _stepIds = stepIds;
    }

    public JsonObject Inputs { get; }
    public JsonObject State { get; }

    /// <summary>Extra names: <c>loop</c> inside loops, the item name inside parallel branches.</summary>
    public Dictionary<string, JsonNode?> Locals { get; } = new(StringComparer.Ordinal);

    public bool TryGetStepOutput(string id, out JsonNode? output)
    {
        output = null;
        return _lookup is not null && _lookup(id, out output);
    }

    public IEnumerable<string> StepIds => _stepIds?.Invoke() ?? [];

    public static ExpressionScope ForInputs(JsonObject inputs) => new(inputs, new JsonObject());
}

/// <summary>Finds the output of a step that has run in the current scope.</summary>
public delegate bool StepOutputLookup(string stepId, out JsonNode? output);
