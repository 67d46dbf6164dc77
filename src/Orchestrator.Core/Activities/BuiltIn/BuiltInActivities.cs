using Orchestrator.Core.Activities.BuiltIn.Assert;
using Orchestrator.Core.Activities.BuiltIn.Fail;
using Orchestrator.Core.Activities.BuiltIn.Log;
using Orchestrator.Core.Activities.BuiltIn.Set;
using Orchestrator.Core.Activities.BuiltIn.Wait;

namespace Orchestrator.Core.Activities.BuiltIn;

public static class BuiltInActivities
{
    /// <summary>Registers the engine's own activities: set, log, fail, wait and assert.</summary>
    public static ActivityRegistry AddBuiltInActivities(this ActivityRegistry registry) =>
        registry.AddSet().AddLog().AddFail().AddWait().AddAssert();
}
