namespace Orchestrator.Core.Validation.Rules;

/// <summary>One meaning check over a whole definition; it reports every problem it finds, not just the first.</summary>
public interface IDefinitionRule
{
    void Check(DefinitionValidationContext context, IssueList issues);
}
