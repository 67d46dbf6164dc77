using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;

namespace Orchestrator.Core.Tests.Engine;

public sealed class CompositeRunObserverTests
{
    private sealed class Recording(string name, List<string> heard) : IRunObserver
    {
        public void Progress(string runId, string stepKey, StepProgress progress) => heard.Add($"{name} {runId} {stepKey} {progress.Done}");

        public void Log(string runId, string stepKey, string message) => heard.Add($"{name} {message}");
    }

    [Fact]
    public void Every_report_reaches_every_observer_in_the_order_given()
    {
        var heard = new List<string>();
        var composite = new CompositeRunObserver(new Recording("a", heard), new Recording("b", heard));

        composite.Progress("r", "train", new StepProgress("train", 3, 10));
        composite.Log("r", "train", "hello");

        Assert.Equal(["a r train 3", "b r train 3", "a hello", "b hello"], heard);
    }
}
