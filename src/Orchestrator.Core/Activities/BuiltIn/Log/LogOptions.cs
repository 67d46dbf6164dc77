namespace Orchestrator.Core.Activities.BuiltIn.Log;

public sealed class LogOptions
{
    [Input("the text to write to the run's log", Required = true)]
    public string Message { get; set; } = "";

    [Input("info, warn or error")]
    public string Level { get; set; } = "info";
}

public sealed record LogOutput([property: Output("the text written")] string Message);
