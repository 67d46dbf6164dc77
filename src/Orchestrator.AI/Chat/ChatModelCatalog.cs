using Orchestrator.Core.Registry;
using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Loop;

namespace Orchestrator.AI.Chat;

/// <summary>
/// The registry's models as chat models: every version trained on a task with a readable form, and every alias of
/// one, each reachable through a <see cref="ModelChatClient"/> that shares the loaded checkpoints.
/// </summary>
public sealed class ChatModelCatalog(ServedModels served)
{
    /// <summary>One servable name: a version (<c>addition@3</c>) or an alias (<c>addition@champion</c>), with the time the version it names was made.</summary>
    public sealed record Entry(string Name, DateTimeOffset Created);

    public ServedModels Served { get; } = served;

    public async Task<IReadOnlyList<Entry>> ListAsync(CancellationToken cancellationToken)
    {
        var registry = Served.Services.Loop.Models;
        var entries = new List<Entry>();
        foreach (var name in await registry.ListModelsAsync(cancellationToken))
        {
            var versions = (await registry.ListVersionsAsync(name, cancellationToken)).Where(Readable).ToDictionary(v => v.Version);
            if (versions.Count == 0) continue;
            entries.AddRange(versions.Values.Select(v => new Entry(v.Reference, v.CreatedAt)));
            foreach (var (alias, version) in (await registry.GetAliasesAsync(name, cancellationToken)).OrderBy(a => a.Key, StringComparer.Ordinal))
                if (versions.TryGetValue(version, out var named)) entries.Add(new Entry($"{name}@{alias}", named.CreatedAt));
        }
        return entries;
    }

    /// <summary>
    /// A client for <paramref name="model"/>. The name is resolved by each request the client makes (one store read),
    /// not here as well; an unknown one fails that request with <see cref="KeyNotFoundException"/>. Null only for a
    /// name that cannot be a model reference.
    /// </summary>
    public ModelChatClient? Find(string model) =>
        model.Length == 0 || model.Length > 300 || model.Any(char.IsControl) ? null : new ModelChatClient(Served, model);

    // Versions from before tasks were recorded are still served when asked for by name, but not listed.
    private bool Readable(ModelVersion version) =>
        version.Metrics[ModelVersions.TaskMetric]?.GetValue<string>() is { } task && Served.Services.Loop.Tasks.TryGet(task, out var family) && family is IChatForm;
}
