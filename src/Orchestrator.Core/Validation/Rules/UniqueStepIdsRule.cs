namespace Orchestrator.Core.Validation.Rules;

/// <summary>Step ids are one namespace per workflow (<c>steps.&lt;id&gt;</c>), so they must be unique throughout it.</summary>
public sealed class UniqueStepIdsRule : IDefinitionRule
{
    public void Check(DefinitionValidationContext context, IssueList issues)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in context.Definition.AllSteps().Where(s => s.Id.Length > 0))
        {
            if (first.TryGetValue(step.Id, out var earlier))
                issues.Add(step.Pointer + "/id", $"duplicate step id '{step.Id}' (first used at {earlier})", "give each step its own id; expressions name steps by id");
            else first[step.Id] = step.Pointer;
        }
    }
}
