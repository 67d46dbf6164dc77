using FluentValidation;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Loop.Audit;

public sealed class AuditOptions
{
    [Input("the kept attempts (sha256:...), evaluate's 'kept' output", Required = true)]
    public string Kept { get; set; } = "";

    [Input("kept items drawn at random and checked")]
    public int Sample { get; set; } = 64;

    [Input("the lowest acceptable Clopper-Pearson lower bound on precision; below it the round's data is not used")]
    public double MinPrecision { get; set; } = 0.9;

    [Input("confidence level of the bound")]
    public double Confidence { get; set; } = 0.95;

    [Input("id@version of the evaluator that kept these labels (evaluate's 'evaluator' output), recorded with the audit")]
    public string Evaluator { get; set; } = "";
}

public sealed record AuditOutput
{
    [Output("kept items checked")]
    public required int Audited { get; init; }

    [Output("of those, how many the checker accepted")]
    public required int Correct { get; init; }

    [Output("share of audited items that are right (0 when nothing was kept)")]
    public required double Precision { get; init; }

    [Output("Clopper-Pearson lower bound on the kept items' precision")]
    public required double LowerBound { get; init; }

    [Output("true when the bound reaches minPrecision: the kept items may be trained on")]
    public required bool Passed { get; init; }

    [Output("why the audit passed or not, in one sentence")]
    public required string Reason { get; init; }

    [Output("precision of the audited items per length (key: zero-padded length)")]
    public required SortedDictionary<string, double> ByLength { get; init; }

    [Output("wall time in seconds")]
    public required double Seconds { get; init; }

    [Output("id@version of the evaluator whose labels were audited, when the step was told")]
    public string? Evaluator { get; init; }
}

public sealed class AuditOptionsValidator : AbstractValidator<AuditOptions>
{
    public AuditOptionsValidator()
    {
        RuleFor(o => o.Kept).Must(ArtifactReference.IsHash).WithMessage(ArtifactReference.Expectation("kept"));
        RuleFor(o => o.Sample).InclusiveBetween(1, 100_000).WithMessage("sample must be between 1 and 100,000 items");
        RuleFor(o => o.MinPrecision).InclusiveBetween(0, 1).WithMessage("minPrecision must be between 0 and 1");
        RuleFor(o => o.Confidence).Must(c => c is > 0.5 and < 1).WithMessage("confidence must be above 0.5 and below 1 (e.g. 0.95)");
    }
}
