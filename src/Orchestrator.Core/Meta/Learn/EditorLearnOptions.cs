using System.Text.Json.Nodes;
using FluentValidation;
using Orchestrator.Core.Activities;
using Orchestrator.Core.SelfEditing.Editors;

namespace Orchestrator.Core.Meta.Learn;

public sealed class EditorLearnOptions
{
    [Input("the editor that learns")]
    public string Editor { get; set; } = "bandit";

    [Input("the state version it learns from (0: a fresh editor)")]
    public int EditorVersion { get; set; }

    [Input("measured outcomes: [{ arm, reward }], e.g. meta/screen's 'outcomes'", Required = true)]
    public JsonArray Outcomes { get; set; } = [];
}

public sealed record EditorLearnOutput
{
    [Output("the new state version of the editor in the registry (editor-NAME@V)")]
    public required int EditorVersion { get; init; }

    [Output("outcomes learned from")]
    public required int Learned { get; init; }
}

public sealed class EditorLearnOptionsValidator : AbstractValidator<EditorLearnOptions>
{
    public EditorLearnOptionsValidator(EditorRegistry editors)
    {
        RuleFor(o => o.Editor).Must(e => editors.TryCreate(e, out _)).WithMessage(o => $"no editor '{o.Editor}'; the editors are {string.Join(", ", editors.Names)}");
        RuleFor(o => o.EditorVersion).GreaterThanOrEqualTo(0).WithMessage("editorVersion must be a version number, or 0 for a fresh editor");
        RuleFor(o => o.Outcomes).Must(list => list.All(o => o is JsonObject x && x["arm"] is JsonValue && Json.JsonTypes.TryGetNumber(x["reward"], out _)))
            .WithMessage("outcomes must be a list of { arm, reward }");
    }
}
