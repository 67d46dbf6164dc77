using FluentValidation;

namespace Orchestrator.Core.Activities.BuiltIn.Log;

public sealed class LogOptionsValidator : AbstractValidator<LogOptions>
{
    public LogOptionsValidator()
    {
        RuleFor(o => o.Level).Must(l => l is "info" or "warn" or "error").WithMessage("level must be info, warn or error");
    }
}
