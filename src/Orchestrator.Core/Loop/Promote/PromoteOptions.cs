using System.Text.Json.Nodes;
using FluentValidation;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Loop.Promote;

public sealed class PromoteOptions
{
    [Input("the model version to promote, NAME@VERSION", Required = true)]
    public string Model { get; set; } = "";

    [Input("the alias to move")]
    public string Alias { get; set; } = "champion";

    [Input("the version the alias must still point at (optimistic check); omit to move it whatever it points at")]
    public int? ExpectedFrom { get; set; }

    [Input("why, for the alias journal")]
    public string Reason { get; set; } = "passed the gate";

    [Input("the evidence journalled with the move, usually the gate's output")]
    public JsonObject? Evidence { get; set; }
}

public sealed record PromoteOutput
{
    [Output("the model name")]
    public required string Name { get; init; }

    [Output("the alias moved")]
    public required string Alias { get; init; }

    [Output("the version it pointed at before (null when first set)")]
    public int? From { get; init; }

    [Output("the version it points at now")]
    public required int To { get; init; }

    [Output("NAME@VERSION now behind the alias")]
    public required string Model { get; init; }

    [Output("position of this move in the alias journal")]
    public required long Sequence { get; init; }
}

public sealed class PromoteOptionsValidator : AbstractValidator<PromoteOptions>
{
    public PromoteOptionsValidator()
    {
        RuleFor(o => o.Model).Matches(@"^[^@\s]+@\d+$").WithMessage("model must name one version, NAME@VERSION (e.g. \"${steps.train.output.model}\"), never an alias");
        RuleFor(o => o.Alias).Matches("^[a-z][a-z0-9-]*$").WithMessage("alias must be lower-case words joined by '-', e.g. champion");
        RuleFor(o => o.Reason).NotEmpty().WithMessage("reason must say why the alias moves");
    }
}
