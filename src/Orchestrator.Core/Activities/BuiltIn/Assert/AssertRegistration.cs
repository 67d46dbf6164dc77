namespace Orchestrator.Core.Activities.BuiltIn.Assert;

public static class AssertRegistration
{
    public static ActivityRegistry AddAssert(this ActivityRegistry registry) => registry.Add(new AssertActivity());
}
