using FluentValidation;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Tests.Validation;

public sealed class FlavourOptions
{
    [Input("vanilla, chocolate or strawberry", Required = true)]
    public string Flavour { get; set; } = "";

    [Input("how many scoops, 1 to 3")]
    public int Scoops { get; set; } = 1;
}

public sealed class FlavourOptionsValidator : AbstractValidator<FlavourOptions>
{
    public FlavourOptionsValidator()
    {
        RuleFor(o => o.Flavour).Must(f => f is "vanilla" or "chocolate" or "strawberry").WithMessage("flavour must be vanilla, chocolate or strawberry");
        RuleFor(o => o.Scoops).InclusiveBetween(1, 3).WithMessage("scoops must be from 1 to 3");
    }
}

public sealed record FlavourOutput([property: Output("the flavour served")] string Flavour);

/// <summary><c>test/flavour</c>: an activity whose validator accepts only some values, for pre-run checks.</summary>
public sealed class FlavourActivity() : Activity<FlavourOptions, FlavourOutput>("test/flavour", "Serves a flavour.", new FlavourOptionsValidator())
{
    protected override ValueTask<ActivityOutcome> ExecuteAsync(FlavourOptions options, ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Done(new FlavourOutput(options.Flavour)));
}
