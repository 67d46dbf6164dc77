using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Hosting;

/// <summary>Finding the plugins and workflows that come with the command, and the files the docs name by their shipped path.</summary>
public sealed class ShippedContentTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void The_root_is_the_nearest_folder_above_the_command_with_both_plugins_and_workflows()
    {
        var repository = _temp.File("repo");
        Directory.CreateDirectory(Path.Combine(repository, "plugins"));
        Directory.CreateDirectory(Path.Combine(repository, "workflows"));
        var output = Path.Combine(repository, "src", "Orchestrator.Cli", "bin", "Debug", "net10.0");
        Directory.CreateDirectory(Path.Combine(output, "workflows")); // a workflows folder alone is not the shipped content

        Assert.Equal(repository, ShippedContent.FindRoot(output));
        Assert.Null(ShippedContent.FindRoot(_temp.Path));
    }

    [Fact]
    public void The_repository_build_finds_the_repository()
    {
        Assert.Equal(Repository.Root.TrimEnd('/'), ShippedContent.FindRoot(Path.GetDirectoryName(Repository.CommandDll)!));
    }

    [Fact]
    public void A_relative_workflows_path_missing_here_is_the_shipped_file_and_anything_else_is_left_alone()
    {
        var root = _temp.File("shipped");
        Directory.CreateDirectory(Path.Combine(root, "workflows"));
        File.WriteAllText(Path.Combine(root, "workflows", "only-shipped.yaml"), "id: x\n");
        File.WriteAllText(Path.Combine(root, "elsewhere.yaml"), "id: y\n");

        Assert.Equal(Path.Combine(root, "workflows", "only-shipped.yaml"), ShippedContent.Locate("workflows/only-shipped.yaml", root));
        Assert.Equal(Path.Combine(root, "workflows", "only-shipped.yaml"), ShippedContent.Locate("./workflows/only-shipped.yaml", root));
        Assert.Equal("workflows/not-there.yaml", ShippedContent.Locate("workflows/not-there.yaml", root));
        Assert.Equal("elsewhere.yaml", ShippedContent.Locate("elsewhere.yaml", root)); // only paths under workflows/
        Assert.Equal("/workflows/only-shipped.yaml", ShippedContent.Locate("/workflows/only-shipped.yaml", root));
    }

    public void Dispose() => _temp.Dispose();
}
