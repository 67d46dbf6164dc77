using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Engine.Store;

namespace Orchestrator.Core.Engine.Children;

/// <summary>
/// Runs the children one after another in this process; one that does not succeed stops the rest. With a control store,
/// a child whose cancel is requested there stops too.
/// </summary>
public sealed class InProcessChildRunLauncher(IRunStore runs, ActivityRegistry activities, IRunControlStore? control = null) : IChildRunLauncher
{
    public async Task<IReadOnlyList<RunRecord>> RunAllAsync(IReadOnlyList<ChildRun> children, CancellationToken cancellationToken)
    {
        var engine = new WorkflowEngine(runs, new InProcessStepDispatcher(activities), control: control);
        var finished = new List<RunRecord>();
        foreach (var child in children)
        {
            var run = await engine.StartAsync(child.Definition, child.Catalog, child.Inputs, new RunStartOptions { RunId = child.RunId, Seed = child.Seed }, cancellationToken);
            finished.Add(run);
            if (run.Status != RunStatus.Succeeded) break;
        }
        return finished;
    }
}
