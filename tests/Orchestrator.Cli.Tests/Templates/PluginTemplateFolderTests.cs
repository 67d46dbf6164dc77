using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Templates;

/// <summary>The template installed from its folder rather than packed: it cannot know the checkout, so it asks.</summary>
public sealed class PluginTemplateFolderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Installed_from_its_folder_it_requires_the_orchestrator_root_and_writes_it_into_the_build_settings()
    {
        using var temp = new TempFolder();
        var hive = temp.File("hive");
        var install = await DotnetCommand.RunAsync(temp.Path, Timeout, "new", "install", Path.Combine(Repository.Templates, "orchestrator-plugin"), "--debug:custom-hive", hive);
        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);

        var without = await DotnetCommand.RunAsync(temp.Path, Timeout, "new", "orchestrator-plugin", "-n", "Acme.Tasks", "--debug:custom-hive", hive);
        var with = await DotnetCommand.RunAsync(temp.Path, Timeout, "new", "orchestrator-plugin", "-n", "Acme.Tasks", "--orchestrator-root", "/opt/orchestrator", "--debug:custom-hive", hive);

        Assert.NotEqual(0, without.ExitCode);
        Assert.Contains("--orchestrator-root", without.Stdout + without.Stderr);
        Assert.True(with.ExitCode == 0, with.Stdout + with.Stderr);
        Assert.Contains(">/opt/orchestrator</OrchestratorRoot>", File.ReadAllText(Path.Combine(temp.Path, "Acme.Tasks", "Directory.Build.props")));
    }
}
