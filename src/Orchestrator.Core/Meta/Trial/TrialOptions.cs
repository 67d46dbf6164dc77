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

    [Input("prefix of the model name each run registers under (when the target has a 'model' input), so trials never share aliases")]
    public string ModelPrefix { get; set; } = "trial";
}

public sealed record TrialOutput
{
    [Output("the version that ran")]
    public required int Version { get; init; }

    [Output("per seed: { seed, run, frontier, baseFrontier, trainingSteps, baseTrainingSteps, rate, champion (when the run outputs one) }")]
    public required JsonArray Results { get; init; }

    [Output("mean over seeds of the frontier gained per 1,000 training steps after round 0")]
    public required double MeanRate { get; init; }
}

public sealed class TrialOptionsValidator : AbstractValidator<TrialOptions>
{
    public TrialOptionsValidator()
    {
        RuleFor(o => o.Target).NotEmpty().WithMessage("target must name a workflow id");
        RuleFor(o => o.Version).GreaterThanOrEqualTo(0).WithMessage("version must be a version number, or 0 for the current one");
        RuleFor(o => o.Seeds).Must(s => s.Count is >= 1 and <= 20 && s.Distinct().Count() == s.Count).WithMessage("seeds must be 1 to 20 distinct numbers");
        RuleFor(o => o.ModelPrefix).Matches("^[a-z][a-z0-9-]*$").WithMessage("modelPrefix must be lower-case letters, digits and '-'");
    }
}
