using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Every_shipped_workflow_is_valid()
    {
        // Evaluators (workflows/evaluators) are checked by the evaluator tests; these are the workflows.
        var files = Directory.GetFiles(Repository.Workflows, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}evaluators{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(files);
        using var temp = new TempFolder();

        var store = temp.File("store");

        var result = await CliProcess.RunAsync(Repository.Root, CliProcess.With(store, ["validate", .. files]));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.False(Directory.Exists(store), "validate must not create a store");
        Assert.Equal(files.Length, result.Stdout.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
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
