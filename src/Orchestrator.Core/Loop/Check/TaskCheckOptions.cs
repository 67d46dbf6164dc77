using FluentValidation;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Loop.Check;

public sealed class TaskCheckOptions
{
    [Input("the attempts artifact (sha256:...) made by learning/propose", Required = true)]
    public string Attempts { get; set; } = "";
}

public sealed record TaskCheckOutput
{
    [Output("the attempts with each one's verdict, as an artifact hash")]
    public required string Checked { get; init; }

    [Output("number of attempts checked")]
    public required int Total { get; init; }

    [Output("number the checker accepted")]
    public required int Correct { get; init; }

    [Output("accepted share of all attempts")]
    public required double Accuracy { get; init; }

    [Output("accepted share of greedy attempts per length (key: zero-padded length)")]
    public required SortedDictionary<string, double> GreedyByLength { get; init; }
}

public sealed class TaskCheckOptionsValidator : AbstractValidator<TaskCheckOptions>
{
    public TaskCheckOptionsValidator() =>
        RuleFor(o => o.Attempts).Must(ArtifactReference.IsHash).WithMessage(ArtifactReference.Expectation("attempts"));
}
