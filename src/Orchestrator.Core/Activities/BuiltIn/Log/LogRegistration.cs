namespace Orchestrator.Core.Activities.BuiltIn.Log;

public static class LogRegistration
{
    public static ActivityRegistry AddLog(this ActivityRegistry registry) => registry.Add(new LogActivity());
}
