using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Loop.Guard;

public static class AvalancheGuardRegistration
{
    public static ActivityRegistry AddAvalancheGuard(this ActivityRegistry registry) => registry.Add(new AvalancheGuardActivity());
}
