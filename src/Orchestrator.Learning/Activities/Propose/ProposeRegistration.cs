using Orchestrator.Core.Activities;
using Orchestrator.Learning.Loop;

namespace Orchestrator.Learning.Activities.Propose;

public static class ProposeRegistration
{
    public static ActivityRegistry AddPropose(this ActivityRegistry registry, LearningServices services) => registry.Add(new ProposeActivity(services));
}
