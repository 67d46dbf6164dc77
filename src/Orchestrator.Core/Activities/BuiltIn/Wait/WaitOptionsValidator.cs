using FluentValidation;

namespace Orchestrator.Core.Activities.BuiltIn.Wait;

public sealed class WaitOptionsValidator : AbstractValidator<WaitOptions>
{
    public WaitOptionsValidator()
    {
        RuleFor(o => o.Duration).Must(d => Definitions.Duration.TryParse(d, out _))
            .WithMessage(o => $"'{o.Duration}' is not a duration; {Definitions.Duration.Hint}");
    }
}
