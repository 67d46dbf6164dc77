namespace Orchestrator.Core.Definitions.Catalog;

/// <summary>Where sub-workflows are found by id and version, for <c>call</c> steps and <c>run ID</c>.</summary>
public interface IDefinitionCatalog
{
    WorkflowDefinition? Find(string id, int version);

    /// <summary>The highest version known for an id, or null.</summary>
    WorkflowDefinition? FindLatest(string id);

    IEnumerable<(string Id, int Version)> Known { get; }
}
