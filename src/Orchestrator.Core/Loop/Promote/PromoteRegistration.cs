using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Loop.Promote;

public static class PromoteRegistration
{
    public static ActivityRegistry AddPromote(this ActivityRegistry registry, LoopServices services) => registry.Add(new PromoteActivity(services));
}
