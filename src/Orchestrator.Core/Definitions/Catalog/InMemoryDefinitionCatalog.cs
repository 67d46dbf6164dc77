namespace Orchestrator.Core.Definitions.Catalog;

/// <summary>Definitions held in memory, e.g. fetched from a store for one run.</summary>
public sealed class InMemoryDefinitionCatalog : IDefinitionCatalog
{
    private readonly Dictionary<(string, int), WorkflowDefinition> _definitions = [];

    public void Add(WorkflowDefinition definition) => _definitions[(definition.Id, definition.Version)] = definition;

    public WorkflowDefinition? Find(string id, int version) => _definitions.GetValueOrDefault((id, version));

    public WorkflowDefinition? FindLatest(string id) =>
        _definitions.Where(p => p.Key.Item1 == id).OrderByDescending(p => p.Key.Item2).Select(p => p.Value).FirstOrDefault();

    public IEnumerable<(string Id, int Version)> Known => _definitions.Keys;
}
