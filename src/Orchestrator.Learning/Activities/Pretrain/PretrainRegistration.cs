using Orchestrator.Core.Activities;
using Orchestrator.Learning.Loop;

namespace Orchestrator.Learning.Activities.Pretrain;

public static class PretrainRegistration
{
    public static ActivityRegistry AddPretrain(this ActivityRegistry registry, LearningServices services) => registry.Add(new PretrainActivity(services));
}
