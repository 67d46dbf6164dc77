using Orchestrator.Core.Activities;
using Orchestrator.Core.Plugins;
using Orchestrator.Core.Tasks;
using Orchestrator.Plugins.Arithmetic.Addition;
using Orchestrator.Plugins.Arithmetic.Reversal;

namespace Orchestrator.Plugins.Arithmetic;

/// <summary>Registers the arithmetic task families; their activities come with the learning loop.</summary>
public sealed class ArithmeticPlugin : IOrchestratorPlugin
{
    public string Name => "arithmetic";

    public void Register(ActivityRegistry activities)
    {
    }

    public void RegisterTasks(TaskRegistry tasks) => tasks.Add(new AdditionTask()).Add(new DigitReversalTask());
}
