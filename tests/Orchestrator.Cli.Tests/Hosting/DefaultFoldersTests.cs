using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Hosting;

/// <summary>The order in which the default plugins and workflows folders are chosen, on real folders.</summary>
public sealed class DefaultFoldersTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string WorkingDirectory => _temp.File("cwd");
    private string Shipped => _temp.File("shipped/workflows");

    public DefaultFoldersTests()
    {
        Directory.CreateDirectory(WorkingDirectory);
        Directory.CreateDirectory(Shipped);
    }

    [Fact]
    public void The_shipped_folder_is_used_when_the_working_directory_has_none()
    {
        Assert.Equal([Shipped], DefaultFolders.Resolve(null, WorkingDirectory, "workflows", Shipped));
    }

    [Fact]
    public void The_working_directory_folder_wins_over_the_shipped_one_and_stays_relative()
    {
        Directory.CreateDirectory(Path.Combine(WorkingDirectory, "workflows"));

        Assert.Equal(["workflows"], DefaultFolders.Resolve(null, WorkingDirectory, "workflows", Shipped));
    }

    [Fact]
    public void The_environment_variable_wins_over_both_and_may_name_several_folders()
    {
        Directory.CreateDirectory(Path.Combine(WorkingDirectory, "workflows"));

        Assert.Equal(["/a", "/b"], DefaultFolders.Resolve("/a::/b", WorkingDirectory, "workflows", Shipped));
    }

    [Fact]
    public void With_nothing_present_the_working_directory_name_is_kept_for_messages()
    {
        Assert.Equal(["workflows"], DefaultFolders.Resolve("", WorkingDirectory, "workflows", _temp.File("missing")));
        Assert.Equal(["workflows"], DefaultFolders.Resolve(null, WorkingDirectory, "workflows", null));
    }

    [Fact]
    public void Help_names_the_shipped_folder_or_says_there_is_none()
    {
        Assert.EndsWith($"the workflows shipped with the command ({Shipped}).", DefaultFolders.Describe("ORCHESTRATOR_WORKFLOWS", "workflows", Shipped));
        Assert.EndsWith("(none found beside it).", DefaultFolders.Describe("ORCHESTRATOR_WORKFLOWS", "workflows", _temp.File("missing")));
    }

    public void Dispose() => _temp.Dispose();
}
