namespace Orchestrator.Core.Activities.BuiltIn.Fail;

public static class FailRegistration
{
    public static ActivityRegistry AddFail(this ActivityRegistry registry) => registry.Add(new FailActivity());
}
