using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Tests.TestSupport;

/// <summary>Loading definitions from text in tests, with the built-in activities unless told otherwise.</summary>
public static class TestDefinitions
{
    public static ActivityRegistry BuiltIns() => new ActivityRegistry().AddBuiltInActivities();

    public static LoadResult Load(string yaml, ActivityRegistry? activities = null, IDefinitionCatalog? catalog = null, string file = "test.yaml") =>
        new DefinitionLoader(activities ?? BuiltIns(), catalog).LoadText(file, yaml);

    /// <summary>Loads a definition that must be valid; fails the test with every issue otherwise.</summary>
    public static WorkflowDefinition Valid(string yaml, ActivityRegistry? activities = null, IDefinitionCatalog? catalog = null, string file = "test.yaml")
    {
        var result = Load(yaml, activities, catalog, file);
        Assert.True(result.IsValid, "expected a valid definition, got:\n" + string.Join("\n", result.Issues));
        return result.Definition!;
    }

    /// <summary>Loads a definition that must be invalid and returns its issues.</summary>
    public static IReadOnlyList<ValidationIssue> Issues(string yaml, ActivityRegistry? activities = null, IDefinitionCatalog? catalog = null, string file = "test.yaml")
    {
        var result = Load(yaml, activities, catalog, file);
        Assert.False(result.IsValid, "expected issues, but the definition is valid");
        Assert.NotEmpty(result.Issues);
        return result.Issues;
    }

    /// <summary>The one issue at <paramref name="path"/>; fails listing all issues when there is none or several.</summary>
    public static ValidationIssue At(this IReadOnlyList<ValidationIssue> issues, string path)
    {
        var matching = issues.Where(i => i.Path == path).ToList();
        Assert.True(matching.Count == 1, $"expected one issue at '{path}', found {matching.Count} among:\n" + string.Join("\n", issues));
        return matching[0];
    }
}
