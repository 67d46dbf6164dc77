using Orchestrator.Core.Parsing;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Definitions.Catalog;

/// <summary>
/// Definitions found in folders of <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> files, indexed by id and
/// version. Files that do not parse are skipped here (validating them reports why); two files claiming
/// the same id and version with different content are a conflict, reported in <see cref="Conflicts"/>.
/// </summary>
public sealed class FolderDefinitionCatalog : IDefinitionCatalog
{
    private readonly Dictionary<(string, int), WorkflowDefinition> _definitions = [];
    private readonly List<string> _conflicts = [];

    public FolderDefinitionCatalog(IEnumerable<string> folders)
    {
        foreach (var folder in folders.Where(Directory.Exists).Select(Path.GetFullPath).Distinct())
            foreach (var file in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories).Where(IsDefinitionFile).Where(f => !IsEvaluator(folder, f)).Order(StringComparer.Ordinal))
                Add(file);
    }

    public IReadOnlyList<string> Conflicts => _conflicts;

    /// <summary>The <c>evaluators/</c> folder beside the workflows holds evaluators, not workflows.</summary>
    private static bool IsEvaluator(string folder, string file) =>
        Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar)[0] == Evaluation.EvaluatorCatalog.FolderName;

    public IEnumerable<(string Id, int Version)> Known => _definitions.Keys;

    public WorkflowDefinition? Find(string id, int version) => _definitions.GetValueOrDefault((id, version));

    public WorkflowDefinition? FindLatest(string id) =>
        _definitions.Where(p => p.Key.Item1 == id).OrderByDescending(p => p.Key.Item2).Select(p => p.Value).FirstOrDefault();

    /// <summary>Adds one definition (e.g. the file being run, which may live outside the folders).</summary>
    public void Add(WorkflowDefinition definition)
    {
        var key = (definition.Id, definition.Version);
        if (_definitions.TryGetValue(key, out var existing))
        {
            if (existing.ContentHash != definition.ContentHash && Path.GetFullPath(existing.File) != Path.GetFullPath(definition.File))
                _conflicts.Add($"{definition.Reference} is defined differently in {existing.File} and {definition.File}; the first is used");
            return;
        }
        _definitions[key] = definition;
    }

    private void Add(string file)
    {
        try
        {
            var document = DocumentReader.ReadFile(file);
            var issues = new IssueList(file, document.SourceMap);
            var definition = DefinitionBuilder.Build(document, issues);
            if (!issues.Any) Add(definition);
        }
        catch (DefinitionSyntaxException)
        {
            // Reported when the file itself is validated or run; the rest of the catalog stays usable.
        }
    }

    private static bool IsDefinitionFile(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
}
