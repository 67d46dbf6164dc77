using System.Text.Json.Nodes;
using FluentValidation;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Meta.Gate;

public sealed class MetaGateOptions
{
    [Input("meta/trial's output for the current version on the confirmation seeds", Required = true)]
    public JsonObject Baseline { get; set; } = new();

    [Input("meta/trial's output for the candidate version on the same seeds", Required = true)]
    public JsonObject Candidate { get; set; } = new();

    [Input("one-sided significance level of this decision")]
    public double Alpha { get; set; } = 0.05;

    [Input("the smallest mean gain that counts as an improvement, in the trials' unit: frontier per TFLOP of the rounds' compute (per 1,000 steps for runs without compute)")]
    public double MinEffect { get; set; } = 0.1;

    [Input("the most alpha all decisions of the run may spend together")]
    public double AlphaBudget { get; set; } = 0.2;
}

public sealed record MetaGateOutput
{
    [Output("true when the candidate procedure is confirmed better")]
    public required bool Passed { get; init; }

    [Output("exact one-sided paired permutation p-value over the seeds")]
    public required double PValue { get; init; }

    [Output("mean paired gain, in unit")]
    public required double MeanGain { get; init; }

    [Output("the unit of the gains: frontier/TFLOP when both trials measured compute, else frontier/1k-steps")]
    public required string Unit { get; init; }

    [Output("per-seed gains, in seed order")]
    public required JsonArray Gains { get; init; }

    [Output("the baseline's and the candidate's mean rate, each in its trial's unit")]
    public required JsonObject Rates { get; init; }

    [Output("alpha spent by the run's meta decisions so far, this one included")]
    public required double AlphaSpent { get; init; }

    [Output("the decision in one sentence")]
    public required string Reason { get; init; }
}

public sealed class MetaGateOptionsValidator : AbstractValidator<MetaGateOptions>
{
    public MetaGateOptionsValidator()
    {
        RuleFor(o => o.Alpha).Must(a => a is > 0 and < 0.5).WithMessage("alpha must be above 0 and below 0.5");
        RuleFor(o => o.MinEffect).GreaterThanOrEqualTo(0).WithMessage("minEffect must be 0 or more");
        RuleFor(o => o.AlphaBudget).Must(b => b is > 0 and <= 1).WithMessage("alphaBudget must be above 0 and at most 1");
    }
}
