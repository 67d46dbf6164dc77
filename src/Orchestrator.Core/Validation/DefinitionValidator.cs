using FluentValidation;
using Orchestrator.Core.Validation.Rules;

namespace Orchestrator.Core.Validation;

/// <summary>
/// The meaning checks, run after the structural check has built the definition. Each rule is a small class
/// reporting every problem it finds, so an author sees all of them at once.
/// </summary>
public sealed class DefinitionValidator : AbstractValidator<DefinitionValidationContext>
{
    private static readonly IDefinitionRule[] Rules =
    [
        new UniqueStepIdsRule(),
        new KnownActivitiesRule(),
        new ExpressionsRule(),
        new BoundedLoopsRule(),
        new NoStateWritesInParallelRule(),
        new TunablesRule(),
        new KnownCallsRule(),
    ];

    public DefinitionValidator()
    {
        RuleFor(context => context).Custom((context, validation) =>
        {
            var issues = new IssueList(context.Definition.File, context.Definition.SourceMap);
            foreach (var rule in Rules) rule.Check(context, issues);
            foreach (var issue in issues.Items)
                validation.AddFailure(new FluentValidation.Results.ValidationFailure(issue.Path, issue.Message) { CustomState = issue });
        });
    }

    /// <summary>Runs every rule and returns the issues, each with file, line, path and hint.</summary>
    public IReadOnlyList<ValidationIssue> Check(DefinitionValidationContext context) =>
        Validate(context).Errors.Select(e => (ValidationIssue)e.CustomState).ToList();
}
