using System.Text.Json.Nodes;
using FluentValidation;
using Orchestrator.Core.Activities;
using Orchestrator.Core.SelfEditing.Editors;

namespace Orchestrator.Core.Meta.Propose;

public sealed class MetaProposeOptions
{
    [Input("the workflow id whose procedure is edited (published in the store)", Required = true)]
    public string Target { get; set; } = "";

    [Input("the version edits are made against; 0 for its current version")]
    public int Version { get; set; }

    [Input("the editor that proposes (e.g. bandit)")]
    public string Editor { get; set; } = "bandit";

    [Input("the editor state version to start from (0: its latest)")]
    public int EditorVersion { get; set; }

    [Input("proposals to ask for")]
    public int Proposals { get; set; } = 2;
}

public sealed record MetaProposeOutput
{
    [Output("the version the edits were made against")]
    public required int Parent { get; init; }

    [Output("accepted proposals, each stored as a draft: { version, arm, rationale, patch }")]
    public required JsonArray Drafts { get; init; }

    [Output("proposals the policy refused (journalled with their reasons)")]
    public required int Refused { get; init; }

    [Output("the editor state version the proposals came from (0: a fresh editor)")]
    public required int EditorVersion { get; init; }
}

public sealed class MetaProposeOptionsValidator : AbstractValidator<MetaProposeOptions>
{
    public MetaProposeOptionsValidator(EditorRegistry editors)
    {
        RuleFor(o => o.Target).NotEmpty().WithMessage("target must name a published workflow id, e.g. self-improve-addition");
        RuleFor(o => o.Version).GreaterThanOrEqualTo(0).WithMessage("version must be a version number, or 0 for the current one");
        RuleFor(o => o.Editor).Must(e => editors.TryCreate(e, out _)).WithMessage(o => $"no editor '{o.Editor}'; the editors are {string.Join(", ", editors.Names)}");
        RuleFor(o => o.EditorVersion).GreaterThanOrEqualTo(0).WithMessage("editorVersion must be a version number, or 0 for the latest");
        RuleFor(o => o.Proposals).InclusiveBetween(1, 32).WithMessage("proposals must be between 1 and 32");
    }
}
