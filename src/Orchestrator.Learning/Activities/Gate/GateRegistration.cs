using Orchestrator.Core.Activities;
using Orchestrator.Learning.Loop;

namespace Orchestrator.Learning.Activities.Gate;

public static class GateRegistration
{
    public static ActivityRegistry AddGate(this ActivityRegistry registry, LearningServices services) => registry.Add(new GateActivity(services));
}
