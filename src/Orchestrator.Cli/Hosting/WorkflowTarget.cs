using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Validation;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// Resolves what <c>run</c> was given: a definition file, or an id (<c>ID</c> for the highest version in the
/// workflows folders, <c>ID@V</c> for a given one), and validates it fully before anything runs.
/// </summary>
public sealed record WorkflowTarget(WorkflowDefinition? Definition, FolderDefinitionCatalog Catalog, IReadOnlyList<ValidationIssue> Issues)
{
    public static WorkflowTarget Resolve(CliHost host, string target)
    {
        if (File.Exists(target) || target.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || target.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || target.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return FromFile(host, target, host.Catalog(target));

        var catalog = host.Catalog();
        var at = target.LastIndexOf('@');
        var id = at > 0 ? target[..at] : target;
        WorkflowDefinition? found = null;
        if (at > 0 && int.TryParse(target[(at + 1)..], out var version)) found = catalog.Find(id, version);
        else if (at < 0) found = catalog.FindLatest(id);
        if (found is null)
        {
            var hint = NearestName.Hint(id, catalog.Known.Select(k => k.Id).Distinct(), $"workflows are looked up in {string.Join(", ", host.WorkflowFolders)}; give a file path or an id such as demo-pipeline@1");
            return new WorkflowTarget(null, catalog, [new ValidationIssue(target, null, "", $"no workflow file or id '{target}'", hint)]);
        }
        return FromFile(host, found.File, catalog);
    }

    private static WorkflowTarget FromFile(CliHost host, string file, FolderDefinitionCatalog catalog)
    {
        var result = host.Loader(catalog).LoadFile(file);
        if (result.Definition is { } definition) catalog.Add(definition);
        return new WorkflowTarget(result.Definition, catalog, result.Issues);
    }
}
