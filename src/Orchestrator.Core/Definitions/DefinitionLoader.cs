using Orchestrator.Core.Activities;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Definitions;

/// <summary>The outcome of loading a definition: the definition when it is valid, and every issue found.</summary>
public sealed record LoadResult(WorkflowDefinition? Definition, IReadOnlyList<ValidationIssue> Issues)
{
    public bool IsValid => Definition is not null && Issues.Count == 0;
}

/// <summary>Reads, builds and validates definitions: syntax, then structure, then meaning.</summary>
public sealed class DefinitionLoader(ActivityRegistry activities, IDefinitionCatalog? catalog = null)
{
    private static readonly DefinitionValidator Validator = new();

    public LoadResult LoadFile(string path)
    {
        try
        {
            return Load(DocumentReader.ReadFile(path));
        }
        catch (DefinitionSyntaxException e)
        {
            return Syntax(e);
        }
    }

    public LoadResult LoadText(string file, string text)
    {
        try
        {
            return Load(DocumentReader.Read(file, text));
        }
        catch (DefinitionSyntaxException e)
        {
            return Syntax(e);
        }
    }

    public LoadResult Load(ParsedDocument document)
    {
        var issues = new IssueList(document.File, document.SourceMap);
        var definition = DefinitionBuilder.Build(document, issues);
        // Meaning is checked even when structure is broken, so every problem shows at once, in file order.
        issues.AddRange(Validator.Check(new DefinitionValidationContext(definition, activities, catalog)));
        var ordered = issues.Items.OrderBy(i => i.Location?.Line ?? 0).ThenBy(i => i.Location?.Column ?? 0).ToList();
        return new LoadResult(issues.Any ? null : definition, ordered);
    }

    private static LoadResult Syntax(DefinitionSyntaxException e) =>
        new(null, [new ValidationIssue(e.File, e.Location, "", e.Reason, e.Hint("fix the syntax; YAML indentation uses spaces"))]);
}
