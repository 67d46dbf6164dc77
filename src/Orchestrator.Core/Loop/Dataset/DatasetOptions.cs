using FluentValidation;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Loop.Dataset;

public sealed class DatasetOptions
{
    [Input("the kept attempts (sha256:...), usually evaluate's 'kept' output; their attempts become the answers to learn", Required = true)]
    public string Kept { get; set; } = "";

    [Input("the earlier dataset to replay from (sha256:...); empty for none")]
    public string Previous { get; set; } = "";

    [Input("share of training draws that replay earlier data, 0 to 1")]
    public double Replay { get; set; } = 0.5;

    [Input("how replay draws are spread: 'items' (every earlier item alike) or 'lengths' (every length alike, so the few short problems are rehearsed as often as the many long ones)")]
    public string Balance { get; set; } = "items";

    [Input("most earlier items to keep for replay (a random subset beyond that)")]
    public int MaxReplay { get; set; } = 50_000;
}

public sealed record DatasetOutput
{
    [Output("the dataset, as an artifact hash")]
    public required string Dataset { get; init; }

    [Output("items kept this round")]
    public required int Fresh { get; init; }

    [Output("earlier items available for replay")]
    public required int ReplayItems { get; init; }

    [Output("share of training draws that replay earlier items (0 when there are none, 1 when nothing fresh)")]
    public required double ReplayShare { get; init; }

    [Output("kept items dropped as duplicates")]
    public required int Duplicates { get; init; }
}

public sealed class DatasetOptionsValidator : AbstractValidator<DatasetOptions>
{
    public DatasetOptionsValidator()
    {
        RuleFor(o => o.Kept).Must(ArtifactReference.IsHash).WithMessage(ArtifactReference.Expectation("kept"));
        RuleFor(o => o.Previous).Must(p => p.Length == 0 || ArtifactReference.IsHash(p)).WithMessage(ArtifactReference.Expectation("previous") + ", or empty");
        RuleFor(o => o.Replay).InclusiveBetween(0, 1).WithMessage("replay must be between 0 and 1 (a share of training draws)");
        RuleFor(o => o.Balance).Must(b => b is "items" or "lengths").WithMessage("balance must be 'items' or 'lengths'");
        RuleFor(o => o.MaxReplay).GreaterThanOrEqualTo(0).WithMessage("maxReplay must be 0 or more");
    }
}
