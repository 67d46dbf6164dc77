using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Engine;

/// <summary>
/// A workflow and every workflow it calls, pinned together. Collected once when a run starts and stored
/// with it, so a sub-workflow edited mid-run cannot change what the run executes.
/// </summary>
public sealed class DefinitionBundle
{
    private readonly Dictionary<string, WorkflowDefinition> _definitions;

    private DefinitionBundle(WorkflowDefinition root, Dictionary<string, WorkflowDefinition> definitions)
    {
        Root = root;
        _definitions = definitions;
    }

    public WorkflowDefinition Root { get; }

    public WorkflowDefinition Get(string id, int version) =>
        _definitions.TryGetValue($"{id}@{version}", out var definition)
            ? definition
            : throw new RunSetupException($"the run has no pinned definition for {id}@{version}");

    public JsonObject ToJson()
    {
        var documents = new JsonObject();
        foreach (var (key, definition) in _definitions) documents[key] = definition.Document.DeepClone();
        return documents;
    }

    public static DefinitionBundle Collect(WorkflowDefinition root, IDefinitionCatalog? catalog)
    {
        var definitions = new Dictionary<string, WorkflowDefinition>(StringComparer.Ordinal) { [root.Reference] = root };
        var pending = new Queue<WorkflowDefinition>([root]);
        while (pending.TryDequeue(out var current))
            foreach (var call in current.AllSteps().OfType<CallStep>())
            {
                var key = $"{call.Workflow}@{call.Version}";
                if (definitions.ContainsKey(key)) continue;
                var callee = catalog?.Find(call.Workflow, call.Version)
                    ?? throw new RunSetupException($"{current.File}: step '{call.Id}' calls {key}, which is not in the workflows folder");
                definitions[key] = callee;
                pending.Enqueue(callee);
            }
        return new DefinitionBundle(root, definitions);
    }

    /// <summary>Rebuilds the definitions a run pinned, checking the root still hashes to what the run recorded.</summary>
    public static DefinitionBundle FromRun(RunRecord run)
    {
        var definitions = new Dictionary<string, WorkflowDefinition>(StringComparer.Ordinal);
        foreach (var (key, node) in run.Definitions)
        {
            var file = $"run {run.Id} ({key})";
            if (node is not JsonObject document) throw new RunSetupException($"{file}: the stored definition is not an object; the run's record is damaged");
            var issues = new IssueList(file, SourceMap.Empty);
            definitions[key] = DefinitionBuilder.Build(new ParsedDocument(file, (JsonObject)document.DeepClone(), SourceMap.Empty), issues);
            if (issues.Any) throw new RunSetupException($"{file}: the stored definition no longer parses: {string.Join("; ", issues.Items)}");
        }
        var rootKey = $"{run.WorkflowId}@{run.WorkflowVersion}";
        if (!definitions.TryGetValue(rootKey, out var root))
            throw new RunSetupException($"run {run.Id}: its record holds no definition for {rootKey}; the record is damaged");
        if (root.ContentHash != run.DefinitionHash)
            throw new RunSetupException($"run {run.Id}: the stored definition hashes to {root.ContentHash}, not the pinned {run.DefinitionHash}; the record is damaged");
        return new DefinitionBundle(root, definitions);
    }
}
