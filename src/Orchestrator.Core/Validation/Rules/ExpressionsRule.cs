using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Expressions;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Validation.Rules;

/// <summary>
/// Every <c>${...}</c> must parse as one expression, read only names in scope and declared inputs, and read only steps that
/// have run before it in its scope: earlier siblings and the earlier steps around it. Inner steps of a
/// loop or parallel step are visible inside it; outside, only the composite's own output is.
/// </summary>
public sealed class ExpressionsRule : IDefinitionRule
{
    public void Check(DefinitionValidationContext context, IssueList issues)
    {
        var definition = context.Definition;
        var inputs = definition.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        // Item names are allowed everywhere rather than only inside their parallel step: looser, never wrong about a valid file.
        var names = ScopeNames.Engine.Concat(definition.AllSteps().OfType<ParallelStep>().Select(p => p.As)).ToHashSet(StringComparer.Ordinal);
        var checker = new Checker(issues, new StepPlaces(definition), inputs, names);

        checker.CheckNode(definition.InitialState, "/state", []);
        Walk(definition.Steps, [], checker);
        if (definition.Output is { } output)
            checker.CheckText(output, "/output", definition.Steps.Select(s => s.Id).ToHashSet());
    }

    private static void Walk(IReadOnlyList<StepDefinition> body, HashSet<string> visibleBefore, Checker checker)
    {
        var visible = new HashSet<string>(visibleBefore, StringComparer.Ordinal);
        foreach (var step in body)
        {
            if (step.If is { } condition) checker.CheckText(condition, step.Pointer + "/if", visible);
            switch (step)
            {
                case ActivityStep activity:
                    checker.CheckNode(activity.With, step.Pointer + "/with", visible);
                    break;
                case CallStep call:
                    checker.CheckNode(call.With, step.Pointer + "/with", visible);
                    break;
                case LoopStep loop:
                    if (loop.Times is { } times) checker.CheckNode(times, step.Pointer + "/loop/times", visible);
                    Walk(loop.Do, visible, checker);
                    if (loop.Until is { } until)
                        checker.CheckText(until, step.Pointer + "/loop/until", [.. visible, .. loop.Do.Select(s => s.Id)]);
                    break;
                case ParallelStep parallel:
                    checker.CheckNode(parallel.Over, step.Pointer + "/parallel/over", visible);
                    Walk(parallel.Do, visible, checker);
                    break;
            }
            visible.Add(step.Id);
        }
    }

    /// <summary>Where each step stands: its document order and the loop or parallel step around it, for precise messages.</summary>
    private sealed class StepPlaces
    {
        private readonly List<StepDefinition> _order;
        private readonly Dictionary<string, StepDefinition> _byId = new(StringComparer.Ordinal);
        private readonly Dictionary<StepDefinition, StepDefinition> _parents = [];

        public StepPlaces(WorkflowDefinition definition)
        {
            _order = definition.AllSteps().ToList();
            foreach (var step in _order)
            {
                _byId.TryAdd(step.Id, step);
                foreach (var child in step.Children) _parents[child] = step;
            }
        }

        public bool Contains(string id) => _byId.ContainsKey(id);

        /// <summary>Why <paramref name="id"/> is not readable from <paramref name="path"/>.</summary>
        public string Explain(string id, string path)
        {
            if (!_byId.TryGetValue(id, out var target)) return $"the expression reads steps.{id}, but there is no step '{id}'";
            if (JsonPointer.IsWithin(path, target.Pointer)) return $"the expression reads steps.{id} from inside that same step";
            if (_parents.TryGetValue(target, out var parent) && !JsonPointer.IsWithin(path, parent.Pointer))
                return $"the expression reads steps.{id}, which is inside the {(parent is LoopStep ? "loop" : "parallel step")} '{parent.Id}' (at {target.Pointer}); outside it, read steps.{parent.Id}.output or state";
            var site = _order.Where(s => JsonPointer.IsWithin(path, s.Pointer)).MaxBy(s => s.Pointer.Length);
            return $"the expression reads steps.{id}, which runs {(site is not null && _order.IndexOf(target) > _order.IndexOf(site) ? "later" : "after it")} (at {target.Pointer})";
        }
    }

    private sealed class Checker(IssueList issues, StepPlaces places, HashSet<string> inputs, HashSet<string> names)
    {
        public void CheckNode(JsonNode? node, string path, HashSet<string> visible)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj) CheckNode(child, JsonPointer.Append(path, key), visible);
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++) CheckNode(array[i], JsonPointer.Append(path, i), visible);
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    CheckText(value.GetValue<string>(), path, visible);
                    break;
            }
        }

        public void CheckText(string text, string path, HashSet<string> visible)
        {
            if (!ExpressionTemplate.Contains(text)) return;
            ExpressionTemplate template;
            try
            {
                template = ExpressionTemplate.Parse(text);
            }
            catch (ExpressionException e)
            {
                issues.Add(path, $"malformed expression: {e.Reason}", "expressions are written \"${...}\" with JavaScript inside");
                return;
            }
            foreach (var expression in template.Expressions)
            {
                ExpressionAnalysis analysis;
                try
                {
                    analysis = ExpressionAnalysis.Of(expression);
                }
                catch (ExpressionException e)
                {
                    issues.Add(path, $"malformed expression '{expression}': {e.Reason}", "expressions are a single JavaScript expression over inputs, state, steps and loop");
                    continue;
                }
                foreach (var name in analysis.FreeNames.Where(n => !names.Contains(n) && !ScopeNames.JavaScript.Contains(n)))
                    issues.Add(path, $"the expression reads '{name}', which is not defined", NearestName.Hint(name, names, "expressions read inputs, state, steps, loop and a parallel step's item"));
                foreach (var input in analysis.InputReferences.Where(i => !inputs.Contains(i)))
                    issues.Add(path, $"the expression reads inputs.{input}, which is not declared", NearestName.Hint(input, inputs, "declare it under 'inputs'"));
                foreach (var step in analysis.StepReferences.Where(s => !visible.Contains(s)))
                    issues.Add(path, places.Explain(step, path), places.Contains(step)
                        ? "a step can read only the outputs of steps that finished before it in its scope; move the step, or pass the value through state"
                        : NearestName.Hint(step, visible, "check the step id"));
            }
        }
    }
}
