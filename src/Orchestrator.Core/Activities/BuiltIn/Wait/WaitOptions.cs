namespace Orchestrator.Core.Activities.BuiltIn.Wait;

public sealed class WaitOptions
{
    [Input("how long to wait, e.g. 500ms, 30s, 2h", Required = true)]
    public string Duration { get; set; } = "";
}

public sealed record WaitOutput([property: Output("when the wait ended (UTC)")] DateTimeOffset Until);
