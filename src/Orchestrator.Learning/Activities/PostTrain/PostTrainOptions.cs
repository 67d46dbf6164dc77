using FluentValidation;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Loop;
using Orchestrator.Learning.Loop;

namespace Orchestrator.Learning.Activities.PostTrain;

public sealed class PostTrainOptions : TrainingInputs
{
    [Input("the model version to continue from: NAME@VERSION or NAME@ALIAS", Required = true)]
    public string Model { get; set; } = "";

    [Input("the dataset to train on (sha256:...), from learning/dataset", Required = true)]
    public string Dataset { get; set; } = "";

    [Input("id@version of the evaluator that built the data, for lineage")]
    public string Evaluator { get; set; } = "";

    [Input("the model whose answers the dataset holds, when another than the one trained (a teacher: e.g. 'chat:teacher addition@3'), for the lineage")]
    public string Teacher { get; set; } = "";
}

public sealed record PostTrainOutput
{
    [Output("the candidate, NAME@VERSION")]
    public required string Model { get; init; }

    [Output("its version number")]
    public required int Version { get; init; }

    [Output("the version it was trained from, NAME@VERSION")]
    public required string Parent { get; init; }

    [Output("optimizer steps in this step")]
    public required int Steps { get; init; }

    [Output("training tokens in this step")]
    public required long Tokens { get; init; }

    [Output("training wall time in seconds")]
    public required double Seconds { get; init; }

    [Output("mean loss of the last progress window")]
    public required double Loss { get; init; }

    [Output("training throughput, tokens per second")]
    public required double TokensPerSecond { get; init; }

    [Output("estimated model compute of the training, in GFLOP (6 per parameter per token trained; an amount, not a rate)")]
    public required double Gflop { get; init; }

    [Output("CPU seconds this process used during the step")]
    public required double CpuSeconds { get; init; }
}

public sealed class PostTrainOptionsValidator : TrainingInputsValidator<PostTrainOptions>
{
    public PostTrainOptionsValidator()
    {
        RuleFor(o => o.Model).NotEmpty().WithMessage("model must name a version, e.g. addition@champion or \"${state.model}\"");
        RuleFor(o => o.Dataset).Must(ArtifactReference.IsHash).WithMessage(ArtifactReference.Expectation("dataset"));
    }
}
