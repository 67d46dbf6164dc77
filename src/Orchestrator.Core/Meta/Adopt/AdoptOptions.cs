using System.Text.Json.Nodes;
using FluentValidation;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Meta.Adopt;

public sealed class AdoptOptions
{
    [Input("the workflow id, or evaluators/ID for an evaluator", Required = true)]
    public string Target { get; set; } = "";

    [Input("the draft version that won its trials", Required = true)]
    public int Version { get; set; }

    [Input("the evidence journalled with the move of 'current' (usually meta/gate's output)")]
    public JsonObject? Evidence { get; set; }

    [Input("why, for the journal")]
    public string Reason { get; set; } = "confirmed by the meta-gate";
}

public sealed record AdoptOutput
{
    [Output("the version 'current' now points at")]
    public required int Current { get; init; }

    [Output("the version it pointed at before")]
    public int? Previous { get; init; }
}

public sealed class AdoptOptionsValidator : AbstractValidator<AdoptOptions>
{
    public AdoptOptionsValidator()
    {
        RuleFor(o => o.Target).NotEmpty().WithMessage("target must name a workflow id or evaluators/ID");
        RuleFor(o => o.Version).GreaterThanOrEqualTo(1).WithMessage("version must be a version number");
    }
}
