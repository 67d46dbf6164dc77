using System.Text.Json.Nodes;
using Orchestrator.Core.Registry;
using Orchestrator.Core.SelfEditing.Editors;

namespace Orchestrator.Core.Meta;

/// <summary>
/// Editors' learned states in the model registry, as the model <c>editor-NAME</c>: each version is the JSON state
/// after some outcomes, with its parent version and the run that produced it, so an editor's learning has lineage
/// like a model's weights and carries over from one run to the next.
/// </summary>
public static class EditorStates
{
    public static string ModelName(string editor) => "editor-" + editor;

    /// <summary>Loads the state of <paramref name="version"/> (0: the latest, if any) into <paramref name="editor"/>; returns the version loaded (0 when none).</summary>
    public static async Task<int> LoadAsync(MetaServices services, IWorkflowEditor editor, int version, CancellationToken cancellationToken)
    {
        var name = ModelName(editor.Name);
        var stored = version > 0
            ? await services.Loop.Models.GetAsync(name, version, cancellationToken) ?? throw new KeyNotFoundException($"there is no {name}@{version} in the registry")
            : (await services.Loop.Models.ListVersionsAsync(name, cancellationToken)).LastOrDefault();
        if (stored is null) return 0;
        var path = await services.Loop.Artifacts.GetVerifiedPathAsync(stored.CheckpointHash, $"editor state {stored.Reference}", cancellationToken);
        editor.LoadState(JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken)) as JsonObject
            ?? throw new FormatException($"{stored.Reference}: the stored editor state is not a JSON object"));
        return stored.Version;
    }

    /// <summary>Registers the editor's current state as the next version of its model.</summary>
    public static async Task<ModelVersion> SaveAsync(MetaServices services, IWorkflowEditor editor, int parent, string runId, int outcomes, CancellationToken cancellationToken)
    {
        using var state = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(editor.SaveState().ToJsonString()));
        var hash = await services.Loop.Artifacts.PutAsync(state, cancellationToken);
        return await services.Loop.Models.RegisterAsync(new RegisterModelRequest(ModelName(editor.Name), hash,
            new ModelLineage { ParentVersion = parent > 0 ? parent : null, RunId = runId }, "meta/learn",
            new JsonObject { ["outcomes"] = outcomes }, $"{editor.Name} editor state after {outcomes} more outcome(s)"), cancellationToken);
    }
}
