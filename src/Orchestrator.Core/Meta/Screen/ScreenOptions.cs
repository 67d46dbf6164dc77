using System.Text.Json.Nodes;
using FluentValidation;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Meta.Screen;

public sealed class ScreenOptions
{
    [Input("meta/trial's output for the parent version on the screening seeds", Required = true)]
    public JsonObject Baseline { get; set; } = new();

    [Input("meta/trial's output for each draft on the same seeds", Required = true)]
    public JsonArray Trials { get; set; } = [];

    [Input("meta/propose's drafts (or meta/evaluator-gate's passed ones), to know which editor arm each trial tested", Required = true)]
    public JsonArray Drafts { get; set; } = [];

    [Input("the smallest mean gain worth confirming, in the trials' unit: frontier per TFLOP of the rounds' compute (per 1,000 steps for runs without compute)")]
    public double MinEffect { get; set; } = 0.1;
}

public sealed record ScreenOutput
{
    [Output("the draft with the largest mean gain, when it reaches minEffect: { version, arm, gain, unit } (and evaluator, for an evaluator draft); else null")]
    public JsonObject? Best { get; init; }

    [Output("per draft: { version, arm, gain, unit } with gain its mean paired gain over the parent, in unit (frontier/TFLOP or frontier/1k-steps)")]
    public required JsonArray Gains { get; init; }

    [Output("what the editor learns from: { arm, reward } per draft")]
    public required JsonArray Outcomes { get; init; }
}

public sealed class ScreenOptionsValidator : AbstractValidator<ScreenOptions>
{
    public ScreenOptionsValidator() =>
        RuleFor(o => o.MinEffect).GreaterThanOrEqualTo(0).WithMessage("minEffect must be 0 or more (frontier per TFLOP, or per 1,000 steps)");
}
