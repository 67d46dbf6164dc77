using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

public sealed class CallTests : IDisposable
{
    private readonly EngineHarness _harness = new();
    private readonly TempDirectory _folder = new();
    private readonly FolderDefinitionCatalog _catalog;

    public CallTests()
    {
        _folder.Write("multiply-v1.yaml", """
            id: multiply
            version: 1
            inputs:
              value: { type: number }
            steps:
              - { id: calc, uses: set, with: { result: "${inputs.value * 2}" } }
            output: "${ { result: state.result, version: 1 } }"
            """);
        _folder.Write("multiply-v2.yaml", """
            id: multiply
            version: 2
            inputs:
              value: { type: number }
            steps:
              - { id: calc, uses: set, with: { result: "${inputs.value * 3}" } }
            output: "${ { result: state.result, version: 2 } }"
            """);
        _folder.Write("remember.yaml", """
            id: remember
            version: 1
            inputs:
              value: { type: any, default: none }
            state: { kept: "${inputs.value}" }
            steps:
              - { id: mark, uses: set, with: { marked: true } }
            """);
        _catalog = new FolderDefinitionCatalog([_folder.Path]);
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1, 42)]
    [InlineData(2, 63)]
    public async Task Call_runs_the_pinned_version_and_returns_its_output(int version, int expected)
    {
        var run = await _harness.RunAsync($$"""
            id: caller
            steps:
              - { id: sub, call: { workflow: multiply, version: {{version}} }, with: { value: 21 } }
              - { id: keep, uses: set, with: { answer: "${steps.sub.output.result}", version: "${steps.sub.output.version}" } }
            """, catalog: _catalog);

        Assert.True(run.Status == RunStatus.Succeeded, run.Error?.ToString());
        Assert.Equal(expected, JsonAssert.Number(run.State["answer"]));
        Assert.Equal(version, JsonAssert.Number(run.State["version"]));
        Assert.False(run.State.ContainsKey("result"), "the callee's state must not leak into the caller's");
        var journal = await _harness.JournalAsync(run.Id);
        Assert.Equal(["sub/calc", "sub", "keep"], journal.Select(s => s.Key));
        Assert.Equal(["caller@1", $"multiply@{version}"], run.Definitions.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Call_without_an_output_expression_returns_the_callees_final_state()
    {
        var run = await _harness.RunAsync("""
            id: caller
            steps:
              - { id: sub, call: { workflow: remember, version: 1 }, with: { value: 7 } }
            output: "${steps.sub.output}"
            """, catalog: _catalog);

        Assert.True(run.Status == RunStatus.Succeeded, run.Error?.ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "kept": 7, "marked": true }"""), run.Output), run.Output?.ToJsonString());
    }

    [Fact]
    public async Task Call_with_an_input_of_the_wrong_type_fails_with_invalid_input()
    {
        var run = await _harness.RunAsync("""
            id: caller
            steps:
              - { id: sub, call: { workflow: multiply, version: 1 }, with: { value: "${'twenty'}" } }
            """, catalog: _catalog);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("invalid-input", run.Error?.Type);
        Assert.Equal("sub", run.Error?.StepKey);
    }

    [Fact]
    public async Task A_run_cannot_start_when_a_called_workflow_is_missing()
    {
        var definition = _harness.Load("""
            id: caller
            steps:
              - { id: sub, call: { workflow: multiply, version: 1 }, with: { value: 1 } }
            """, _catalog);

        var error = await Assert.ThrowsAsync<RunSetupException>(() => _harness.Engine.StartAsync(definition, new FolderDefinitionCatalog([]), new JsonObject()));

        Assert.Contains("calls multiply@1", error.Message, StringComparison.Ordinal);
    }
}
