using FluentValidation;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Loop.Guard;

public sealed class AvalancheGuardOptions
{
    [Input("this round's audited label precision (evaluate/audit's 'precision'); null when nothing was audited")]
    public double? Precision { get; set; }

    [Input("the audited precisions of the earlier rounds, oldest first")]
    public List<double> History { get; set; } = [];

    [Input("how many recent rounds the precision is compared with")]
    public int Window { get; set; } = 3;

    [Input("how far precision may fall below the best of the window before the guard trips")]
    public double MaxDrop { get; set; } = 0.05;

    [Input("the frontier after this round")]
    public int Frontier { get; set; }

    [Input("the frontier before this round")]
    public int PreviousFrontier { get; set; }
}

public sealed record AvalancheGuardOutput
{
    [Output("true when errors look like they are compounding: roll back and stop")]
    public required bool Tripped { get; init; }

    [Output("why it tripped, or why not, in one sentence")]
    public required string Reason { get; init; }

    [Output("the best precision in the window it was compared with (null when there was none)")]
    public double? Peak { get; init; }
}

public sealed class AvalancheGuardOptionsValidator : AbstractValidator<AvalancheGuardOptions>
{
    public AvalancheGuardOptionsValidator()
    {
        RuleFor(o => o.Precision).InclusiveBetween(0, 1).When(o => o.Precision is not null).WithMessage("precision must be between 0 and 1");
        RuleFor(o => o.History).Must(h => h.All(p => p is >= 0 and <= 1)).WithMessage("history must hold precisions between 0 and 1");
        RuleFor(o => o.Window).InclusiveBetween(1, 100).WithMessage("window must be between 1 and 100 rounds");
        RuleFor(o => o.MaxDrop).InclusiveBetween(0, 1).WithMessage("maxDrop must be between 0 and 1");
        RuleFor(o => o.Frontier).GreaterThanOrEqualTo(0).WithMessage("frontier must be 0 or more");
        RuleFor(o => o.PreviousFrontier).GreaterThanOrEqualTo(0).WithMessage("previousFrontier must be 0 or more");
    }
}
