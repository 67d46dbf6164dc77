using Orchestrator.Core.Activities;
using Orchestrator.Learning.Loop;

namespace Orchestrator.Learning.Activities.PostTrain;

public static class PostTrainRegistration
{
    public static ActivityRegistry AddPostTrain(this ActivityRegistry registry, LearningServices services) => registry.Add(new PostTrainActivity(services));
}
