using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Loop.Evaluate;

public static class EvaluateRegistration
{
    public static ActivityRegistry AddEvaluate(this ActivityRegistry registry, LoopServices services) => registry.Add(new EvaluateActivity(services));
}
