namespace Orchestrator.Core.Definitions.Catalog;

/// <summary>
/// Looks definitions up in several catalogs in order, the first that has one winning: e.g. the versions
/// fetched from the definition store before the files in the workflows folders.
/// </summary>
public sealed class LayeredDefinitionCatalog(params IDefinitionCatalog[] layers) : IDefinitionCatalog
{
    public WorkflowDefinition? Find(string id, int version) =>
        layers.Select(l => l.Find(id, version)).FirstOrDefault(d => d is not null);

    public WorkflowDefinition? FindLatest(string id) =>
        layers.Select(l => l.FindLatest(id)).FirstOrDefault(d => d is not null);

    public IEnumerable<(string Id, int Version)> Known => layers.SelectMany(l => l.Known).Distinct();
}
