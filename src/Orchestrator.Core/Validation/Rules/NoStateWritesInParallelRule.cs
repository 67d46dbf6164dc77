using Orchestrator.Core.Activities.BuiltIn.Set;
using Orchestrator.Core.Definitions;

namespace Orchestrator.Core.Validation.Rules;

/// <summary>
/// Branches of a parallel step run at once; if they wrote state, the result would depend on timing and a
/// resumed run could differ from an uninterrupted one. Branches return outputs; the fan-in collects them.
/// </summary>
public sealed class NoStateWritesInParallelRule : IDefinitionRule
{
    public void Check(DefinitionValidationContext context, IssueList issues)
    {
        foreach (var parallel in context.Definition.AllSteps().OfType<ParallelStep>())
            foreach (var set in Descendants(parallel).OfType<ActivityStep>().Where(s => s.Uses == SetActivity.TypeName))
                issues.Add(set.Pointer + "/uses", $"'set' inside the parallel step '{parallel.Id}' would race with its other branches",
                    $"return the value from the branch and 'set' it after the fan-in from steps.{parallel.Id}.output");
    }

    private static IEnumerable<StepDefinition> Descendants(StepDefinition step) =>
        step.Children.SelectMany(c => Descendants(c).Prepend(c));
}
