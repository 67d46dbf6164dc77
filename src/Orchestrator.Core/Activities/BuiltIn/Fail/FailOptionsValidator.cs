using FluentValidation;

namespace Orchestrator.Core.Activities.BuiltIn.Fail;

public sealed class FailOptionsValidator : AbstractValidator<FailOptions>
{
    public FailOptionsValidator()
    {
        RuleFor(o => o.Message).NotEmpty().WithMessage("message must say why the run fails");
        RuleFor(o => o.Type).Matches("^[a-z][a-z0-9-]*$").WithMessage("type must be lower-case words joined by '-', e.g. budget-exceeded");
    }
}
