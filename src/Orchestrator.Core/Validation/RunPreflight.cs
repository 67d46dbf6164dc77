using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Expressions;

namespace Orchestrator.Core.Validation;

/// <summary>
/// The last check before a run starts. Validation cannot see step inputs written as expressions; but those that
/// read only the run's inputs (<c>task: "${inputs.task}"</c>) are known once the inputs are, so they are computed
/// here and checked by their activities — an unknown task or a broken evaluator named by an input is reported
/// before the first step spends any compute, not when its step is reached an hour later.
/// </summary>
public static class RunPreflight
{
    public static IReadOnlyList<ValidationIssue> Check(WorkflowDefinition definition, ActivityRegistry activities, JsonObject runInputs)
    {
        var issues = new List<ValidationIssue>();
        var evaluator = new ExpressionEvaluator();
        var scope = ExpressionScope.ForInputs(runInputs);
        foreach (var step in definition.AllSteps().OfType<ActivityStep>())
        {
            if (!activities.TryGet(step.Uses, out var activity)) continue;
            var values = new JsonObject();
            var deferred = new HashSet<string>(StringComparer.Ordinal);
            var computed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, value) in step.With)
            {
                values[name] = value?.DeepClone();
                if (!HasExpressions(value)) continue;
                if (!ReadsOnlyInputs(value))
                {
                    deferred.Add(name);
                    continue;
                }
                try
                {
                    values[name] = evaluator.Render(value, scope);
                    computed.Add(name);
                }
                catch (ExpressionException)
                {
                    deferred.Add(name); // the step itself will report it, with its context
                }
            }
            if (computed.Count == 0) continue;
            // Literal inputs passed validation alone, so what is reported now involves a computed value (possibly with a literal one, e.g. warmup + decay <= steps).
            foreach (var problem in activity.CheckInputs(values, deferred).Where(p => !deferred.Contains(p.Input)))
                issues.Add(new ValidationIssue(definition.File, null, $"{step.Pointer}/with/{problem.Input}",
                    $"with the run's inputs, {problem.Message}", problem.Hint ?? "change the input given with -i, or its default"));
        }
        return issues;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    private static bool HasExpressions(JsonNode? node) => Strings(node).Any(ExpressionTemplate.Contains);

    private static bool ReadsOnlyInputs(JsonNode? node)
    {
        try
        {
            return Strings(node).Where(ExpressionTemplate.Contains)
                .SelectMany(text => ExpressionTemplate.Parse(text).Expressions)
                .All(expression => ExpressionAnalysis.Of(expression).FreeNames.All(name => name == "inputs" || ScopeNames.JavaScript.Contains(name)));
        }
        catch (ExpressionException)
        {
            return false;
        }
    }
}
