using Orchestrator.Core.Activities;

namespace Orchestrator.Plugins.Sample.Square;

public static class SquareRegistration
{
    public static ActivityRegistry AddSquare(this ActivityRegistry activities) => activities.Add(new SquareActivity());
}
