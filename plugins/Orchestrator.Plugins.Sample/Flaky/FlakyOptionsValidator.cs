using FluentValidation;

namespace Orchestrator.Plugins.Sample.Flaky;

public sealed class FlakyOptionsValidator : AbstractValidator<FlakyOptions>
{
    public FlakyOptionsValidator()
    {
        RuleFor(o => o.FailTimes).InclusiveBetween(0, 100);
    }
}
