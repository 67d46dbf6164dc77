using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Versioning;

/// <summary>Turns stored versions back into definitions, and fetches the versions a workflow calls.</summary>
public static class StoredDefinitions
{
    /// <summary>
    /// The definition of a stored version. The store's number is authoritative: the document's own
    /// <c>version</c> field (whatever the published file said) is set to it.
    /// </summary>
    public static WorkflowDefinition ToDefinition(DefinitionVersion stored)
    {
        var document = (JsonObject)stored.Document.DeepClone();
        document["version"] = stored.Version;
        var file = $"store:{stored.Reference}";
        var issues = new IssueList(file, SourceMap.Empty);
        var definition = DefinitionBuilder.Build(new ParsedDocument(file, document, SourceMap.Empty), issues);
        return issues.Any
            ? throw new InvalidOperationException($"{file} no longer parses: {string.Join("; ", issues.Items)}")
            : definition;
    }

    /// <summary>
    /// A catalog for running <paramref name="root"/>: every workflow it calls (transitively) that the store
    /// holds, in front of <paramref name="fallback"/> (e.g. the workflows folders).
    /// </summary>
    public static async Task<IDefinitionCatalog> CatalogForAsync(WorkflowDefinition root, IDefinitionStore store, IDefinitionCatalog fallback, CancellationToken cancellationToken)
    {
        var fetched = new InMemoryDefinitionCatalog();
        var catalog = new LayeredDefinitionCatalog(fetched, fallback);
        var seen = new HashSet<(string, int)> { (root.Id, root.Version) };
        var pending = new Queue<WorkflowDefinition>([root]);
        while (pending.TryDequeue(out var current))
            foreach (var call in current.AllSteps().OfType<CallStep>())
            {
                if (!seen.Add((call.Workflow, call.Version))) continue;
                if (await store.GetAsync(call.Workflow, call.Version, cancellationToken) is { } stored) fetched.Add(ToDefinition(stored));
                if (catalog.Find(call.Workflow, call.Version) is { } callee) pending.Enqueue(callee);
            }
        return catalog;
    }
}
