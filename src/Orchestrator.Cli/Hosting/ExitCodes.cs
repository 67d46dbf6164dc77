namespace Orchestrator.Cli.Hosting;

/// <summary>The command's exit codes; scripts and CI match on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int RunFailed = 1;
    public const int InvalidInput = 2;

    /// <summary>Interrupted (Ctrl+C) at a step boundary; <c>orchestrator resume</c> continues it.</summary>
    public const int Cancelled = 130;
}
