using Orchestrator.Core.Activities;
using Orchestrator.Core.Loop.Check;
using Orchestrator.Core.Loop.Dataset;
using Orchestrator.Core.Loop.Evaluate;
using Orchestrator.Core.Loop.Promote;

namespace Orchestrator.Core.Loop;

public static class LoopActivities
{
    /// <summary>The improvement-loop steps that need no model: check, evaluate, dataset, promote.</summary>
    public static ActivityRegistry AddLoopActivities(this ActivityRegistry registry, LoopServices services) =>
        registry.AddTaskCheck(services).AddEvaluate(services).AddDataset(services).AddPromote(services);
}
