using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Loop.Check;

public static class TaskCheckRegistration
{
    public static ActivityRegistry AddTaskCheck(this ActivityRegistry registry, LoopServices services) => registry.Add(new TaskCheckActivity(services));
}
