using Orchestrator.Core.Activities;
using Orchestrator.Core.Plugins;
using Orchestrator.Core.Tasks;

namespace Acme.Tasks.Tests;

public sealed class AcmeTasksPluginTests
{
    [Fact]
    public void The_plugin_registers_its_activity_and_its_task()
    {
        IOrchestratorPlugin plugin = new AcmeTasksPlugin();
        var activities = new ActivityRegistry();
        var tasks = new TaskRegistry();

        plugin.Register(activities);
        plugin.RegisterTasks(tasks);

        Assert.Equal(["acme-tasks/draw-items"], activities.Types);
        Assert.Equal(["acme-tasks/sort-digits"], tasks.Names);
    }
}
