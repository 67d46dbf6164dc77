using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Output;

/// <summary>The end of <c>run</c> and <c>resume</c>: the result and the exit code that goes with it.</summary>
public static class RunReport
{
    public static int Print(RunRecord run, bool json)
    {
        if (json) RunJson.Print(RunDocuments.Run(run));
        else
        {
            var took = run.UpdatedAt - run.CreatedAt;
            Console.Out.WriteLine($"run {run.Id} {RunDocuments.Name(run.Status)}: {run.WorkflowId}@{run.WorkflowVersion}, {run.StepsCommitted} steps committed, {took.TotalSeconds:0.0} s since it was created");
            switch (run.Status)
            {
                case RunStatus.Succeeded:
                    OutputTables.Print(run.Output);
                    Console.Out.WriteLine("output: " + DisplayJson.Indented(run.Output));
                    break;
                case RunStatus.Failed:
                    Console.Out.WriteLine($"error: {run.Error}");
                    Console.Out.WriteLine($"fix the cause, then 'orchestrator resume {run.Id}' retries the failed step; 'orchestrator show {run.Id}' has the journal");
                    break;
                case RunStatus.Cancelled:
                    // A cancel requested from another process says who asked and why; a Ctrl+C leaves no error.
                    if (run.Error is { } requested) Console.Out.WriteLine(requested.Message);
                    Console.Out.WriteLine($"stopped at a step boundary; 'orchestrator resume {run.Id}' continues it");
                    break;
            }
        }
        return run.Status switch
        {
            RunStatus.Succeeded => ExitCodes.Success,
            RunStatus.Cancelled => ExitCodes.Cancelled,
            _ => ExitCodes.RunFailed,
        };
    }
}
