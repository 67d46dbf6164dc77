namespace Orchestrator.Core.Activities.BuiltIn.Fail;

public sealed class FailOptions
{
    [Input("why the run fails", Required = true)]
    public string Message { get; set; } = "";

    [Input("a machine-matchable error type")]
    public string Type { get; set; } = "workflow-failed";
}

public sealed record FailOutput;
