using Orchestrator.Core.Activities;

namespace Orchestrator.Plugins.Sample.Append;

public static class AppendRegistration
{
    public static ActivityRegistry AddAppend(this ActivityRegistry activities) => activities.Add(new AppendActivity());
}
