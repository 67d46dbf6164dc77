using Orchestrator.Core.Activities;

namespace Orchestrator.Plugins.Sample.Flaky;

public static class FlakyRegistration
{
    public static ActivityRegistry AddFlaky(this ActivityRegistry activities) => activities.Add(new FlakyActivity());
}
