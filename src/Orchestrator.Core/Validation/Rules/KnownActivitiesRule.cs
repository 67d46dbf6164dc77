using Orchestrator.Core.Activities.BuiltIn.Set;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Expressions;

namespace Orchestrator.Core.Validation.Rules;

/// <summary>
/// Every <c>uses</c> names a known activity, and each activity checks its own inputs (required ones present,
/// literal values of the right type, its validator satisfied) before the run starts.
/// </summary>
public sealed class KnownActivitiesRule : IDefinitionRule
{
    public void Check(DefinitionValidationContext context, IssueList issues)
    {
        foreach (var step in context.Definition.AllSteps().OfType<ActivityStep>())
        {
            if (!context.Activities.TryGet(step.Uses, out var activity))
            {
                issues.Add(step.Pointer + "/uses", $"unknown activity type '{step.Uses}'",
                    NearestName.Hint(step.Uses, context.Activities.Types, "run 'orchestrator activities' to list the known ones, or load the plugin that provides it"));
                continue;
            }
            var deferred = step.With.Where(p => ContainsExpression(p.Value)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var problem in activity.CheckInputs(step.With, deferred))
            {
                var path = problem.Input.Length == 0 || !step.With.ContainsKey(problem.Input) ? step.Pointer + "/with" : step.Pointer + "/with/" + problem.Input;
                issues.Add(path, problem.Message, problem.Hint);
            }
        }
    }

    private static bool ContainsExpression(System.Text.Json.Nodes.JsonNode? node) =>
        node?.ToJsonString().Contains("${", StringComparison.Ordinal) == true;
}
