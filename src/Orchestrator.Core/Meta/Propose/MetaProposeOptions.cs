using System.Text.Json.Nodes;
using FluentValidation;
using Orchestrator.Core.Activities;
using Orchestrator.Core.SelfEditing.Editors;

namespace Orchestrator.Core.Meta.Propose;

public sealed class MetaProposeOptions
{
    [Input("what is edited, published in the store: a workflow id, or evaluators/ID for an evaluator", Required = true)]
    public string Target { get; set; } = "";

    [Input("the version edits are made against; 0 for its current version")]
    public int Version { get; set; }

    [Input("the editor that proposes (bandit, llm)")]
    public string Editor { get; set; } = "bandit";

    [Input("the chat connection an editor that asks a model uses (a name in connections.json); the bandit ignores it")]
    public string Connection { get; set; } = DefaultConnection;

    [Input("the editor state version to start from (0: its latest)")]
    public int EditorVersion { get; set; }

    [Input("proposals to ask for")]
    public int Proposals { get; set; } = 2;

    /// <summary>The connection the <c>llm</c> editor asks unless a workflow names another.</summary>
    public const string DefaultConnection = "editor";
}

public sealed record MetaProposeOutput
{
    [Output("the version the edits were made against")]
    public required int Parent { get; init; }

    [Output("accepted proposals, each stored as a draft: { version, arm, rationale, patch }")]
    public required JsonArray Drafts { get; init; }

    [Output("proposals that did not become drafts: refused by the policy, or slots spent without a usable patch (journalled with their reasons)")]
    public required int Refused { get; init; }

    [Output("of those, slots spent without a usable patch: an answer that is not a patch, a timeout, an endpoint error")]
    public int Failed { get; init; }

    [Output("the editor state version the proposals came from (0: a fresh editor)")]
    public required int EditorVersion { get; init; }
}

public sealed class MetaProposeOptionsValidator : AbstractValidator<MetaProposeOptions>
{
    public MetaProposeOptionsValidator(EditorRegistry editors)
    {
        RuleFor(o => o.Target).NotEmpty().WithMessage("target must name a published workflow id, e.g. self-improve-addition, or an evaluator as evaluators/ID");
        RuleFor(o => o.Version).GreaterThanOrEqualTo(0).WithMessage("version must be a version number, or 0 for the current one");
        // Making the editor is the check: an editor that asks a model says here which connection is missing and how to add it.
        RuleFor(o => o.Editor).Custom((editor, context) =>
        {
            if (!editors.TryCreate(editor, new EditorSetup(context.InstanceToValidate.Connection), out _, out var problem)) context.AddFailure(problem);
        });
        RuleFor(o => o.Connection).NotEmpty().WithMessage($"connection must name a chat connection (default '{MetaProposeOptions.DefaultConnection}')");
        RuleFor(o => o.EditorVersion).GreaterThanOrEqualTo(0).WithMessage("editorVersion must be a version number, or 0 for the latest");
        RuleFor(o => o.Proposals).InclusiveBetween(1, 32).WithMessage("proposals must be between 1 and 32");
    }
}
