using FluentValidation;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Evaluation;

namespace Orchestrator.Core.Loop.Evaluate;

public sealed class EvaluateOptions
{
    [Input("the evaluator's id: workflows/evaluators/<id>.yaml", Required = true)]
    public string Evaluator { get; set; } = "";

    [Input("the attempts to judge (sha256:...), usually task/check's 'checked' output", Required = true)]
    public string Attempts { get; set; } = "";
}

public sealed record EvaluateOutput
{
    [Output("the kept attempts, as an artifact hash")]
    public required string Kept { get; init; }

    [Output("attempts judged")]
    public required int Total { get; init; }

    [Output("attempts kept")]
    public required int KeptCount { get; init; }

    [Output("kept share of the attempts")]
    public required double KeptShare { get; init; }

    [Output("distinct prompts among the kept attempts")]
    public required int KeptPrompts { get; init; }

    [Output("kept attempts per length")]
    public required SortedDictionary<string, int> KeptByLength { get; init; }

    [Output("attempts left after each filter, in order")]
    public required IReadOnlyList<FilterCount> Stages { get; init; }

    [Output("id@version of the evaluator")]
    public required string Evaluator { get; init; }

    [Output("SHA-256 of the evaluator document")]
    public required string EvaluatorHash { get; init; }
}

public sealed class EvaluateOptionsValidator : AbstractValidator<EvaluateOptions>
{
    public EvaluateOptionsValidator(EvaluatorCatalog evaluators)
    {
        RuleFor(o => o.Attempts).Must(ArtifactReference.IsHash).WithMessage(ArtifactReference.Expectation("attempts"));
        RuleFor(o => o.Evaluator).NotEmpty().WithMessage("name an evaluator, e.g. 'verified'").DependentRules(() =>
            RuleFor(o => o.Evaluator).Custom((id, context) =>
            {
                foreach (var issue in evaluators.Load(id).Issues)
                    context.AddFailure(nameof(EvaluateOptions.Evaluator), $"evaluator '{id}' is not usable: {issue}");
            }));
    }
}
