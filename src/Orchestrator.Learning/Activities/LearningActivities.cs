using Orchestrator.Core.Activities;
using Orchestrator.Core.Loop;
using Orchestrator.Learning.Activities.Gate;
using Orchestrator.Learning.Activities.PostTrain;
using Orchestrator.Learning.Activities.Pretrain;
using Orchestrator.Learning.Activities.Propose;
using Orchestrator.Learning.Loop;

namespace Orchestrator.Learning.Activities;

public static class LearningActivities
{
    /// <summary>
    /// The whole improvement loop: pretrain, propose, task/check, evaluate, learning/dataset, post-train,
    /// gate/heldout and registry/promote.
    /// </summary>
    public static ActivityRegistry AddImprovementLoop(this ActivityRegistry registry, LearningServices services) =>
        registry.AddLoopActivities(services.Loop).AddPretrain(services).AddPropose(services).AddPostTrain(services).AddGate(services);
}
