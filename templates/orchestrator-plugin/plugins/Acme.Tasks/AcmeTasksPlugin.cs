using Acme.Tasks.DrawItems;
using Acme.Tasks.SortDigits;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Plugins;
using Orchestrator.Core.Tasks;

namespace Acme.Tasks;

/// <summary>
/// The plugin's entry point: the host finds this public class in the assembly, creates it, and calls
/// <see cref="Register"/> and <see cref="RegisterTasks"/>. What it registers is listed by
/// <c>orchestrator activities</c> and <c>orchestrator tasks</c> with <see cref="Name"/> as the source.
/// </summary>
public sealed class AcmeTasksPlugin : IOrchestratorPlugin
{
    public string Name => "acme-tasks";

    public void Register(ActivityRegistry activities) => activities.AddDrawItems();

    public void RegisterTasks(TaskRegistry tasks) => tasks.Add(new SortDigitsTask());
}
