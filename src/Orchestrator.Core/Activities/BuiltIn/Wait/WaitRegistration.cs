namespace Orchestrator.Core.Activities.BuiltIn.Wait;

public static class WaitRegistration
{
    public static ActivityRegistry AddWait(this ActivityRegistry registry) => registry.Add(new WaitActivity());
}
