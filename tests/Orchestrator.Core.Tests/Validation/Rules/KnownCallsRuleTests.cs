using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Validation.Rules;

public sealed class KnownCallsRuleTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly FolderDefinitionCatalog _catalog;

    public KnownCallsRuleTests()
    {
        _folder.Write("score-v1.yaml", """
            id: score-batch
            version: 1
            inputs:
              values: { type: list }
              scale: { type: number, default: 1 }
            steps:
              - { id: total, uses: set, with: { total: "${inputs.values.length * inputs.scale}" } }
            """);
        _folder.Write("score-v2.yaml", """
            id: score-batch
            version: 2
            inputs:
              values: { type: list }
            steps:
              - { id: total, uses: set, with: { total: "${inputs.values.length}" } }
            """);
        _catalog = new FolderDefinitionCatalog([_folder.Path]);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Call_to_an_unknown_version_lists_the_known_versions()
    {
        var issue = TestDefinitions.Issues("""
            id: caller
            steps:
              - id: score
                call: { workflow: score-batch, version: 3 }
                with: { values: [1, 2] }
            """, catalog: _catalog).At("/steps/0/call");

        Assert.Contains("no workflow 'score-batch' version 3 is known", issue.Message, StringComparison.Ordinal);
        Assert.Equal("known versions of 'score-batch': 1, 2", issue.Hint);
        Assert.Equal(4, issue.Location?.Line);
    }

    [Fact]
    public void Call_to_an_unknown_workflow_suggests_the_nearest_id()
    {
        var issue = TestDefinitions.Issues("""
            id: caller
            steps:
              - { id: score, call: { workflow: score-btach, version: 1 }, with: { values: [1] } }
            """, catalog: _catalog).At("/steps/0/call");

        Assert.Contains("no workflow 'score-btach' version 1 is known", issue.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'score-batch'?", issue.Hint);
    }

    [Fact]
    public void Call_missing_a_required_input_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: caller
            steps:
              - { id: score, call: { workflow: score-batch, version: 1 }, with: { scale: 2 } }
            """, catalog: _catalog).At("/steps/0/with");

        Assert.Contains("'score-batch@1' needs the input 'values'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Call_passing_an_unknown_input_is_rejected()
    {
        var issue = TestDefinitions.Issues("""
            id: caller
            steps:
              - { id: score, call: { workflow: score-batch, version: 2 }, with: { values: [1], scale: 2 } }
            """, catalog: _catalog).At("/steps/0/with/scale");

        Assert.Contains("'score-batch@2' has no input 'scale'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Workflow_calling_itself_is_rejected()
    {
        _catalog.Add(TestDefinitions.Valid("""
            id: recursive
            steps:
              - { id: greet, uses: log, with: { message: hi } }
            """, file: "recursive-v1.yaml"));

        var issue = TestDefinitions.Issues("""
            id: recursive
            version: 2
            steps:
              - { id: again, call: { workflow: recursive, version: 1 } }
            """, catalog: _catalog).At("/steps/0/call");

        Assert.Contains("the workflow 'recursive' calls itself", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Call_to_a_known_version_with_its_inputs_is_valid()
    {
        var result = TestDefinitions.Load("""
            id: caller
            steps:
              - { id: score, call: { workflow: score-batch, version: 1 }, with: { values: [1, 2], scale: 0.5 } }
            """, catalog: _catalog);

        Assert.Empty(result.Issues);
        Assert.True(result.IsValid);
    }
}
