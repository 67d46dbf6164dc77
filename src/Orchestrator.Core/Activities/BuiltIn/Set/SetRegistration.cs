namespace Orchestrator.Core.Activities.BuiltIn.Set;

public static class SetRegistration
{
    public static ActivityRegistry AddSet(this ActivityRegistry registry) => registry.Add(new SetActivity());
}
