using Orchestrator.Core.Activities;
using Orchestrator.Core.Loop.Audit;
using Orchestrator.Core.Loop.Check;
using Orchestrator.Core.Loop.Dataset;
using Orchestrator.Core.Loop.Evaluate;
using Orchestrator.Core.Loop.Guard;
using Orchestrator.Core.Loop.Promote;

namespace Orchestrator.Core.Loop;

public static class LoopActivities
{
    /// <summary>The improvement-loop steps that need no model: check, evaluate, audit, avalanche guard, dataset, promote.</summary>
    public static ActivityRegistry AddLoopActivities(this ActivityRegistry registry, LoopServices services) =>
        registry.AddTaskCheck(services).AddEvaluate(services).AddAudit(services).AddAvalancheGuard().AddDataset(services).AddPromote(services);
}
