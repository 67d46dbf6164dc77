using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Definitions;

public sealed class FolderDefinitionCatalogTests
{
    [Fact]
    public void Definitions_are_found_by_id_and_version_and_broken_files_are_skipped()
    {
        using var temp = new TempDirectory();
        temp.Write("a/sub-v1.yaml", "id: sub\nversion: 1\nsteps:\n  - { id: a, uses: log, with: { message: one } }\n");
        temp.Write("b/sub-v2.json", """{ "id": "sub", "version": 2, "steps": [ { "id": "a", "uses": "log", "with": { "message": "two" } } ] }""");
        temp.Write("broken.yaml", "id: [unclosed\n");
        temp.Write("notes.txt", "not a definition");

        var catalog = new FolderDefinitionCatalog([temp.Path]);

        Assert.Equal([("sub", 1), ("sub", 2)], catalog.Known.OrderBy(k => k.Version));
        Assert.Equal(1, catalog.Find("sub", 1)?.Version);
        Assert.Null(catalog.Find("sub", 3));
        Assert.Equal(2, catalog.FindLatest("sub")?.Version);
        Assert.Empty(catalog.Conflicts);
    }

    [Fact]
    public void Two_files_claiming_the_same_version_with_different_content_are_a_conflict()
    {
        using var temp = new TempDirectory();
        temp.Write("one.yaml", "id: sub\nversion: 1\nsteps:\n  - { id: a, uses: log, with: { message: one } }\n");
        temp.Write("two.yaml", "id: sub\nversion: 1\nsteps:\n  - { id: a, uses: log, with: { message: other } }\n");

        var catalog = new FolderDefinitionCatalog([temp.Path]);

        var conflict = Assert.Single(catalog.Conflicts);
        Assert.Contains("sub@1 is defined differently", conflict, StringComparison.Ordinal);
        Assert.EndsWith("one.yaml", catalog.Find("sub", 1)!.File, StringComparison.Ordinal);
    }
}
