using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Every_shipped_workflow_and_evaluator_is_valid()
    {
        var files = Directory.GetFiles(Repository.Workflows, "*.yaml", SearchOption.AllDirectories);
        var evaluators = files.Count(f => f.Contains($"{Path.DirectorySeparatorChar}evaluators{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.NotEqual(0, evaluators);
        Assert.NotEqual(files.Length, evaluators);
        using var temp = new TempFolder();

        var store = temp.File("store");

        var result = await CliProcess.RunAsync(Repository.Root, CliProcess.With(store, ["validate", .. files]));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.False(Directory.Exists(store), "validate must not create a store");
        var ok = result.Stdout.Split('\n').Where(l => l.StartsWith("ok ", StringComparison.Ordinal)).ToList();
        Assert.Equal(files.Length, ok.Count);
        Assert.Equal(evaluators, ok.Count(l => l.Contains("(evaluator ", StringComparison.Ordinal)));
        Assert.Contains(ok, l => l.EndsWith("selflabel.yaml  (evaluator selflabel@2, 5 filters)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mixed_list_of_workflows_and_evaluators_gets_one_report_and_exits_2_when_one_fails()
    {
        using var temp = new TempFolder();
        var workflow = temp.Write("hello.yaml", "id: hello\nsteps:\n  - { id: greet, uses: log, with: { message: hi } }\n");
        // Outside an evaluators folder, a document with filters and no steps is an evaluator all the same.
        var evaluator = temp.Write("keep.yaml", "id: keep\nfilters: [ { uses: majority, with: { minShare: 0.6 } } ]\n");
        Directory.CreateDirectory(temp.File("evaluators"));
        var broken = temp.Write(Path.Combine("evaluators", "strict.yaml"), "id: strict\nfilters: [ { uses: majorty } ]\n");

        var result = await CliProcess.RunAsync(temp.Path, CliProcess.With(temp.File("store"), "validate", workflow, evaluator, broken));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([
            $"ok    {workflow}  (hello@1, 1 step)",
            $"ok    {evaluator}  (evaluator keep@1, 1 filter)",
            $"FAIL  {broken}  (1 problem)",
        ], result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: {broken}:2:20: /filters/0/uses: unknown filter 'majorty' (did you mean 'majority'?)", result.Stderr.Trim());
    }

    [Fact]
    public async Task A_broken_evaluator_exits_2_naming_file_line_path_and_fix()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("evaluators"));
        var file = temp.Write(Path.Combine("evaluators", "strict.yaml"), """
            id: strikt
            filters:
              - uses: confidence
                with: { min: 1.5 }
              - uses: one-per-promt
            """);

        var result = await CliProcess.RunAsync(temp.Path, CliProcess.With(temp.File("store"), "validate", file));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"FAIL  {file}  (3 problems)", result.Stdout);
        Assert.Contains($"{file}:4:", result.Stderr);
        Assert.Contains("/filters/0/with/min: confidence: 'min' must be between 0 and 1, not 1.5", result.Stderr);
        Assert.Contains($"{file}:5:", result.Stderr);
        Assert.Contains("/filters/1/uses: unknown filter 'one-per-promt' (did you mean 'one-per-prompt'?)", result.Stderr);
        Assert.Contains($"{file}:1:", result.Stderr);
        Assert.Contains("/id: the file is named 'strict' but declares id 'strikt' (make the file name and the id agree)", result.Stderr);
        Assert.DoesNotContain("steps", result.Stderr);
    }

    [Theory]
    [InlineData("nope.yaml")]
    [InlineData("evaluators/nope.yaml")]
    public async Task A_missing_file_is_no_such_file_without_a_syntax_hint(string name)
    {
        using var temp = new TempFolder();
        var file = temp.File(name);

        var result = await CliProcess.RunAsync(temp.Path, CliProcess.With(temp.File("store"), "validate", file));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"FAIL  {file}  (1 problem)", result.Stdout);
        Assert.Equal($"error: {file}: /: no such file; check the path.", result.Stderr.Trim());
    }

    [Fact]
    public async Task A_broken_definition_exits_2_naming_file_line_path_and_fix()
    {
        using var temp = new TempFolder();
        var file = temp.Write("broken.yaml", """
            id: broken
            steps:
              - id: greet
                uses: lgo
                with: { message: hi }
              - id: greet
                uses: log
                with: { message: "${steps.nothing.output}" }
            """);

        var result = await CliProcess.RunAsync(temp.Path, CliProcess.With(temp.Path, "validate", file));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file}:4:", result.Stderr);
        Assert.Contains("/steps/0/uses: unknown activity type 'lgo' (did you mean 'log'?)", result.Stderr);
        Assert.Contains("/steps/1/id: duplicate step id 'greet'", result.Stderr);
        Assert.Contains("/steps/1/with/message: the expression reads steps.nothing, but there is no step 'nothing'", result.Stderr);
    }

    [Fact]
    public async Task Broken_yaml_exits_2_with_the_line()
    {
        using var temp = new TempFolder();
        var file = temp.Write("syntax.yaml", "id: x\nsteps:\n  - id: a\n    uses: log\n   with: [\n");

        var result = await CliProcess.RunAsync(temp.Path, CliProcess.With(temp.Path, "validate", file));

        Assert.Equal(2, result.ExitCode);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+", result.Stderr);
    }
}
