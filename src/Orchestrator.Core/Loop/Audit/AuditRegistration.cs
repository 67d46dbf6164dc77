using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Loop.Audit;

public static class AuditRegistration
{
    public static ActivityRegistry AddAudit(this ActivityRegistry registry, LoopServices services) => registry.Add(new AuditActivity(services));
}
