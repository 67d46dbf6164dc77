using Orchestrator.Core.Activities;
using Orchestrator.Core.Plugins;
using Orchestrator.Core.Tasks;

namespace Orchestrator.Plugins.Arithmetic.Tests.Tasks;

public sealed class PluginRegistrationTests
{
    [Fact]
    public void Loading_the_plugin_from_the_plugins_folder_registers_its_tasks()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Orchestrator.sln"))) root = root.Parent!;
        var tasks = new TaskRegistry();

        var result = PluginLoader.LoadInto(new ActivityRegistry(), [Path.Combine(root.FullName, "plugins")], tasks);

        Assert.Empty(result.Errors);
        Assert.Contains(result.Loaded, p => p.Name == "arithmetic");
        Assert.Equal(["arithmetic/addition", "text/reverse-digits"], tasks.Names.Order(StringComparer.Ordinal));
        Assert.Contains("plugin 'arithmetic'", tasks.SourceOf("arithmetic/addition"));
    }
}
