using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Expressions;
using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Validation.Rules;

/// <summary>
/// Every <c>${...}</c> must parse as one expression, read only declared inputs, and read only steps that
/// have run before it in its scope: earlier siblings and the earlier steps around it. Inner steps of a
/// loop or parallel step are visible inside it; outside, only the composite's own output is.
/// </summary>
public sealed class ExpressionsRule : IDefinitionRule
{
    public void Check(DefinitionValidationContext context, IssueList issues)
    {
        var definition = context.Definition;
        var positions = definition.AllSteps().GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First().Pointer);
        var inputs = definition.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var checker = new Checker(issues, positions, inputs);

        foreach (var input in definition.Inputs.Where(i => i.Default is not null))
            checker.CheckNode(input.Default, JsonPointer.Append(JsonPointer.Append("/inputs", input.Name), "default"), []);
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
                    if (loop.Times is { } times) checker.CheckText(times, step.Pointer + "/loop/times", visible);
                    Walk(loop.Do, visible, checker);
                    if (loop.Until is { } until)
                        checker.CheckText(until, step.Pointer + "/loop/until", [.. visible, .. loop.Do.Select(s => s.Id)]);
                    break;
                case ParallelStep parallel:
                    checker.CheckText(parallel.Over, step.Pointer + "/parallel/over", visible);
                    Walk(parallel.Do, visible, checker);
                    break;
            }
            visible.Add(step.Id);
        }
    }

    private sealed class Checker(IssueList issues, Dictionary<string, string> positions, HashSet<string> inputs)
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
                foreach (var input in analysis.InputReferences.Where(i => !inputs.Contains(i)))
                    issues.Add(path, $"the expression reads inputs.{input}, which is not declared", NearestName.Hint(input, inputs, "declare it under 'inputs'"));
                foreach (var step in analysis.StepReferences.Where(s => !visible.Contains(s)))
                    issues.Add(path, Describe(step, path), Hint(step, visible));
            }
        }

        private string Describe(string step, string path)
        {
            if (!positions.TryGetValue(step, out var at)) return $"the expression reads steps.{step}, but there is no step '{step}'";
            if (JsonPointer.IsWithin(path, at)) return $"the expression reads steps.{step} from inside that same step";
            return string.CompareOrdinal(at, path) > 0 && !IsInsideOther(at, path)
                ? $"the expression reads steps.{step}, which runs later (at {at})"
                : $"the expression reads steps.{step}, which is inside another loop or parallel step (at {at})";
        }

        private static bool IsInsideOther(string at, string path) => at.Contains("/do/", StringComparison.Ordinal) && !path.StartsWith(at[..at.LastIndexOf("/do/", StringComparison.Ordinal)], StringComparison.Ordinal);

        private string Hint(string step, HashSet<string> visible) =>
            positions.ContainsKey(step)
                ? "a step can read only the outputs of steps that finished before it in its scope; move the step, or pass the value through state"
                : NearestName.Hint(step, visible, "check the step id");
    }
}
