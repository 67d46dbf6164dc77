namespace Orchestrator.Cli.Hosting;

/// <summary>The command's exit codes; scripts and CI match on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int RunFailed = 1;
    public const int InvalidInput = 2;

    /// <summary>A bug in the command itself (EX_SOFTWARE); the message and trace are on stderr.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted (Ctrl+C) at a step boundary; <c>orchestrator resume</c> continues it.</summary>
    public const int Cancelled = 130;
}
