using System.Text.Json.Nodes;
using Orchestrator.Core.Expressions;

namespace Orchestrator.Core.Engine;

/// <summary>
/// The scope steps run in: the workflow's inputs and state, the outputs of steps so far, loop and item
/// variables, and the key prefix that makes every step execution's journal key unique.
/// A parallel branch gets its own outputs and sees its parent's; a called workflow starts a fresh frame.
/// </summary>
internal sealed class Frame
{
    private readonly Dictionary<string, JsonNode?> _outputs;
    private readonly Frame? _parent;

    private Frame(string prefix, JsonObject inputs, JsonObject state, Dictionary<string, JsonNode?> outputs, Frame? parent, Dictionary<string, JsonNode?> locals, bool isRoot)
    {
        Prefix = prefix;
        Inputs = inputs;
        State = state;
        _outputs = outputs;
        _parent = parent;
        Locals = locals;
        IsRoot = isRoot;
    }

    public string Prefix { get; }
    public JsonObject Inputs { get; }
    public JsonObject State { get; }
    public Dictionary<string, JsonNode?> Locals { get; }

    /// <summary>True for the run's own workflow, whose state is what the run record shows.</summary>
    public bool IsRoot { get; }

    /// <summary>The queue of the enclosing parallel step, which its branches' activities go to unless they name their own.</summary>
    public string? Queue { get; private init; }

    public static Frame ForWorkflow(string prefix, JsonObject inputs, JsonObject state, bool isRoot) =>
        new(prefix, inputs, state, new Dictionary<string, JsonNode?>(StringComparer.Ordinal), null, new Dictionary<string, JsonNode?>(StringComparer.Ordinal), isRoot);

    public string KeyOf(string stepId) => Prefix + stepId;

    public void SetOutput(string stepId, JsonNode? output) => _outputs[stepId] = output;

    public bool TryGetOutput(string stepId, out JsonNode? output)
    {
        if (_outputs.TryGetValue(stepId, out output)) return true;
        output = null;
        return _parent is not null && _parent.TryGetOutput(stepId, out output);
    }

    /// <summary>A loop iteration: same outputs and state, a new key prefix and loop variable.</summary>
    public Frame Iteration(string prefix, int index)
    {
        var locals = new Dictionary<string, JsonNode?>(Locals, StringComparer.Ordinal) { ["loop"] = new JsonObject { ["index"] = index } };
        return new Frame(prefix, Inputs, State, _outputs, _parent, locals, IsRoot) { Queue = Queue };
    }

    /// <summary>A parallel branch: its own outputs over its parent's, and its item bound to a name.</summary>
    public Frame Branch(string prefix, string itemName, JsonNode? item, int index, string? queue)
    {
        var locals = new Dictionary<string, JsonNode?>(Locals, StringComparer.Ordinal)
        {
            [itemName] = item?.DeepClone(),
            ["branch"] = new JsonObject { ["index"] = index },
        };
        return new Frame(prefix, Inputs, State, new Dictionary<string, JsonNode?>(StringComparer.Ordinal), this, locals, IsRoot) { Queue = queue ?? Queue };
    }

    public ExpressionScope Scope()
    {
        var scope = new ExpressionScope(Inputs, State, TryGetOutput, StepIds);
        foreach (var (name, value) in Locals) scope.Locals[name] = value;
        return scope;
    }

    private IEnumerable<string> StepIds() => _parent is null ? _outputs.Keys : _outputs.Keys.Concat(_parent.StepIds()).Distinct();
}
