using Orchestrator.Core.Activities;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Tasks;

namespace Orchestrator.Core.Plugins;

/// <summary>
/// The entry point of a plugin assembly: a public class with a parameterless constructor that registers
/// the plugin's activities. A plugin references Orchestrator.Core only.
/// </summary>
public interface IOrchestratorPlugin
{
    /// <summary>A short name for listings and errors, e.g. <c>sample</c>.</summary>
    string Name { get; }

    void Register(ActivityRegistry activities);

    /// <summary>Registers the plugin's task families (generators and checkers); most plugins have none.</summary>
    void RegisterTasks(TaskRegistry tasks)
    {
    }

    /// <summary>Registers the plugin's evaluator filters (stages evaluators may use); most plugins have none.</summary>
    void RegisterFilters(AttemptFilterRegistry filters)
    {
    }
}
