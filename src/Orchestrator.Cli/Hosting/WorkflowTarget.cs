using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Validation;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// Resolves what <c>run</c> or <c>publish</c> was given — a definition file (a relative <c>workflows/...</c> path the
/// working directory lacks names the shipped file, see <see cref="ShippedContent.Locate"/>), or an id: <c>ID</c> is the
/// store's <c>current</c> version (else the highest version in the workflows folders), <c>ID@V</c> a given
/// version — and validates it fully, with the workflows it calls, before anything runs.
/// </summary>
public sealed record WorkflowTarget(WorkflowDefinition? Definition, IDefinitionCatalog Catalog, IReadOnlyList<ValidationIssue> Issues)
{
    public static bool IsFile(string target) =>
        File.Exists(target) || target.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || target.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || target.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    // store may be null: then only files are looked at (e.g. validating before any store exists).
    public static async Task<WorkflowTarget> ResolveAsync(CliHost host, IDefinitionStore? store, string target, CancellationToken cancellationToken)
    {
        if (IsFile(target))
        {
            var file = ShippedContent.Locate(target);
            ParsedDocument document;
            try
            {
                document = DocumentReader.ReadFile(file);
            }
            catch (DefinitionSyntaxException e)
            {
                return Failed(host, [new ValidationIssue(e.File, e.Location, "", e.Reason, e.Hint("fix the syntax; YAML indentation uses spaces"))]);
            }
            return await ValidateAsync(host, store, document, host.Catalog(file), cancellationToken);
        }

        var folders = host.Catalog();
        var at = target.LastIndexOf('@');
        var id = at > 0 ? target[..at] : target;
        int? version = at > 0 && int.TryParse(target[(at + 1)..], out var v) ? v : null;
        if (at > 0 && version is null)
            return Failed(host, [new ValidationIssue(target, null, "", $"'{target[(at + 1)..]}' is not a version number", "write ID or ID@VERSION, e.g. demo-pipeline@2")]);

        if (store is not null) version ??= await store.GetAliasAsync(id, IDefinitionStore.CurrentAlias, cancellationToken);
        if (store is not null && version is { } wanted && await store.GetAsync(id, wanted, cancellationToken) is { } stored)
        {
            var definition = StoredDefinitions.ToDefinition(stored);
            return await ValidateAsync(host, store, new ParsedDocument(definition.File, definition.Document, SourceMap.Empty), folders, cancellationToken);
        }
        var inFolders = version is { } n ? folders.Find(id, n) : folders.FindLatest(id);
        if (inFolders is null)
        {
            IReadOnlyList<string> storedIds = store is null ? [] : await store.ListDefinitionIdsAsync(cancellationToken);
            var known = storedIds.Concat(folders.Known.Select(k => k.Id)).Distinct();
            var hint = NearestName.Hint(id, known, $"give a file path, or an id published to the store or in {string.Join(", ", host.WorkflowFolders)}");
            return Failed(host, [new ValidationIssue(target, null, "", version is null ? $"no workflow '{id}'" : $"no version {version} of workflow '{id}'", hint)]);
        }
        return await ValidateAsync(host, store, DocumentReader.ReadFile(inFolders.File), folders, cancellationToken);
    }

    private static async Task<WorkflowTarget> ValidateAsync(CliHost host, IDefinitionStore? store, ParsedDocument document, FolderDefinitionCatalog folders, CancellationToken cancellationToken)
    {
        // Read the structure first to learn which workflows it calls, fetch those from the store, then validate fully.
        var outline = DefinitionBuilder.Build(document, new IssueList(document.File, document.SourceMap));
        var catalog = store is null ? folders : await StoredDefinitions.CatalogForAsync(outline, store, folders, cancellationToken);
        var result = host.Loader(catalog).Load(document);
        return new WorkflowTarget(result.Definition, catalog, result.Issues);
    }

    private static WorkflowTarget Failed(CliHost host, IReadOnlyList<ValidationIssue> issues) => new(null, host.Catalog(), issues);
}
