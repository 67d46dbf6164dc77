using Orchestrator.Core.Activities;

namespace Orchestrator.Plugins.Sample.Append;

public sealed class AppendOptions
{
    [Input("the file to append a line to (created if missing)", Required = true)]
    public string File { get; set; } = "";

    [Input("the text of the line")]
    public string Text { get; set; } = "";

    [Input("simulated work before the effect, e.g. 200ms")]
    public string Work { get; set; } = "0ms";

    [Input("a file that records every attempt, including repeats, to show delivery is at-least-once")]
    public string? AuditFile { get; set; }
}

public sealed record AppendOutput([property: Output("false when this step's line was already there (a repeated attempt)")] bool Appended);
