using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Hosting;

/// <summary>
/// The command built in the repository, run without --plugins or --workflows: from another directory it falls back
/// to the repository's own folders (the shipped copies of a build output); a folder in the working directory, or
/// one given on the command line, replaces them.
/// </summary>
public sealed class DefaultFolderCommandTests : IDisposable
{
    private const string Mine = """
        id: mine
        steps:
          - id: hello
            uses: log
            with: { message: hi }
        """;

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task From_another_directory_the_repository_build_uses_the_repository_plugins_and_workflows()
    {
        var tasks = await CliProcess.RunAsync(_temp.Path, "tasks");
        var validate = await CliProcess.RunAsync(_temp.Path, "validate", "self-improve-addition", "workflows/demo-sum.yaml", "workflows/evaluators/verified.yaml");

        Assert.True(tasks.ExitCode == 0, tasks.Stdout + tasks.Stderr);
        Assert.Contains("arithmetic/addition", TableText.FirstColumn(tasks.Stdout));
        Assert.True(validate.ExitCode == 0, validate.Stdout + validate.Stderr);
        Assert.Contains("ok    self-improve-addition  (self-improve-addition@1,", validate.Stdout);
        Assert.Contains("ok    workflows/demo-sum.yaml  (demo-sum@1,", validate.Stdout);
        Assert.Contains("ok    workflows/evaluators/verified.yaml  (evaluator verified@", validate.Stdout);
    }

    [Fact]
    public async Task A_workflows_folder_in_the_working_directory_replaces_the_shipped_one()
    {
        Directory.CreateDirectory(_temp.File("workflows"));
        _temp.Write("workflows/mine.yaml", Mine);

        var mine = await CliProcess.RunAsync(_temp.Path, "validate", "mine");
        var shipped = await CliProcess.RunAsync(_temp.Path, "validate", "self-improve-addition");

        Assert.True(mine.ExitCode == 0, mine.Stdout + mine.Stderr);
        Assert.Equal(2, shipped.ExitCode);
        Assert.Contains("no workflow 'self-improve-addition'", shipped.Stderr);
    }

    [Fact]
    public async Task A_folder_given_with_workflows_wins_over_every_default()
    {
        Directory.CreateDirectory(_temp.File("given"));
        _temp.Write("given/mine.yaml", Mine);

        var mine = await CliProcess.RunAsync(_temp.Path, "validate", "mine", "--workflows", _temp.File("given"));
        var shipped = await CliProcess.RunAsync(_temp.Path, "validate", "self-improve-addition", "--workflows", _temp.File("given"));

        Assert.True(mine.ExitCode == 0, mine.Stdout + mine.Stderr);
        Assert.Equal(2, shipped.ExitCode);
    }

    [Fact]
    public async Task Help_says_where_the_default_plugins_and_workflows_come_from()
    {
        var help = await CliProcess.RunAsync(_temp.Path, "--help");

        Assert.Equal(0, help.ExitCode);
        var text = string.Join(' ', help.Stdout.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"else the plugins shipped with the command ({Repository.Plugins}).", text);
        Assert.Contains($"else the workflows shipped with the command ({Repository.Workflows}).", text);
    }

    public void Dispose() => _temp.Dispose();
}
