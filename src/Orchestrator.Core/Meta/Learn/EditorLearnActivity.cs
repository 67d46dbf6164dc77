using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Meta.Learn;

/// <summary>
/// <c>meta/learn</c>: the editor takes in the measured outcomes of its proposals and its new state is registered as
/// the next version of <c>editor-NAME</c>, with the version it learned from as parent. A re-run of the step finds the
/// version it registered.
/// </summary>
public sealed class EditorLearnActivity(MetaServices services)
    : Activity<EditorLearnOptions, EditorLearnOutput>("meta/learn", "Updates an editor from measured outcomes and registers its new state with lineage.", new EditorLearnOptionsValidator(services.Editors))
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(EditorLearnOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var name = EditorStates.ModelName(options.Editor);
        var mine = (await services.Loop.Models.ListVersionsAsync(name, cancellationToken)).FirstOrDefault(v => v.Lineage.RunId == context.IdempotencyKey);
        if (mine is not null) return Done(new EditorLearnOutput { EditorVersion = mine.Version, Learned = options.Outcomes.Count });

        services.Editors.TryCreate(options.Editor, out var editor);
        var from = options.EditorVersion > 0 ? await EditorStates.LoadAsync(services, editor, options.EditorVersion, cancellationToken) : 0;
        foreach (var outcome in options.Outcomes.OfType<System.Text.Json.Nodes.JsonObject>())
        {
            Json.JsonTypes.TryGetNumber(outcome["reward"], out var reward);
            editor.Learn(outcome["arm"]!.GetValue<string>(), reward);
        }
        var saved = await EditorStates.SaveAsync(services, editor, from, context.IdempotencyKey, options.Outcomes.Count, cancellationToken);
        context.Log($"{saved.Reference}: learned from {options.Outcomes.Count} outcome(s) (parent {(from > 0 ? $"{name}@{from}" : "a fresh editor")})");
        return Done(new EditorLearnOutput { EditorVersion = saved.Version, Learned = options.Outcomes.Count });
    }
}
