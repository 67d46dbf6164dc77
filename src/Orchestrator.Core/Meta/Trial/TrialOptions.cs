using System.Text.Json.Nodes;
using FluentValidation;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Meta.Trial;

public sealed class TrialOptions
{
    [Input("the workflow id to run", Required = true)]
    public string Target { get; set; } = "";

    [Input("the version to run (a draft or a published one); 0 for its current version")]
    public int Version { get; set; }

    [Input("one run per seed; the same seeds for every version compared", Required = true)]
    public List<long> Seeds { get; set; } = [];

    [Input("inputs for every run (the same compute budget for every version compared)")]
    public JsonObject Inputs { get; set; } = new();

    [Input("the evaluator every run judges its self-labels with (ID or ID@V, given as the target's 'evaluator' input); pinned to its exact version before the first run, and part of each run's model name")]
    public string Evaluator { get; set; } = "";

    [Input("prefix of the model name each run registers under (when the target has a 'model' input), so trials never share aliases")]
    public string ModelPrefix { get; set; } = "trial";
}

public sealed record TrialOutput
{
    [Output("the version that ran")]
    public required int Version { get; init; }

    [Output("per seed: { seed, run, frontier, baseFrontier, trainingSteps, baseTrainingSteps, compute and baseCompute (GFLOP) and cpuSeconds (when the run outputs them), rate (in unit), unit, stepsRate (frontier per 1,000 steps, always), champion and evaluator (when the run outputs them) }")]
    public required JsonArray Results { get; init; }

    [Output("the exact evaluator version (ID@V) the runs were given, when the trial chose one")]
    public string? Evaluator { get; init; }

    [Output("mean over seeds of the rate: frontier gained after round 0 per unit of what the rounds spent")]
    public required double MeanRate { get; init; }

    [Output("the unit of every rate: frontier/TFLOP (per 1,000 GFLOP of the rounds' total compute) when every run output its compute, else frontier/1k-steps (per 1,000 post-training steps)")]
    public required string Unit { get; init; }
}

public sealed class TrialOptionsValidator : AbstractValidator<TrialOptions>
{
    public TrialOptionsValidator()
    {
        RuleFor(o => o.Target).NotEmpty().WithMessage("target must name a workflow id");
        RuleFor(o => o.Version).GreaterThanOrEqualTo(0).WithMessage("version must be a version number, or 0 for the current one");
        RuleFor(o => o.Seeds).Must(s => s.Count is >= 1 and <= 20 && s.Distinct().Count() == s.Count).WithMessage("seeds must be 1 to 20 distinct numbers");
        RuleFor(o => o.Evaluator).Matches(@"^[A-Za-z0-9._-]+(@[1-9][0-9]*)?$").When(o => o.Evaluator.Length > 0).WithMessage("evaluator must be ID or ID@VERSION, e.g. selflabel@2");
        RuleFor(o => o.ModelPrefix).Matches("^[a-z][a-z0-9-]*$").WithMessage("modelPrefix must be lower-case letters, digits and '-'");
    }
}
