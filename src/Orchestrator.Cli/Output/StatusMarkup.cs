using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Output;

/// <summary>Coloured status words for tables.</summary>
public static class StatusMarkup
{
    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Succeeded => "[green]succeeded[/]",
        RunStatus.Failed => "[red]failed[/]",
        RunStatus.Cancelled => "[yellow]cancelled[/]",
        RunStatus.Queued => "[grey]queued[/]",
        _ => "[blue]running[/]",
    };

    public static string Of(StepStatus status) => status switch
    {
        StepStatus.Succeeded => "[green]succeeded[/]",
        StepStatus.Failed => "[red]failed[/]",
        StepStatus.Skipped => "[grey]skipped[/]",
        _ => "[blue]running[/]",
    };
}
